import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, test } from 'node:test';

import { expectAccessible } from '../lib/axe.js';
import { openPage, screenshot, VIEWPORTS } from '../lib/browser.js';
import { mainNav, signInToHome } from '../lib/flows.js';
import { addRoom, createPerson, signInAs } from '../lib/hallway.js';
import { serverWithAdmin } from '../lib/suite.js';
import { zip } from '../lib/zip.js';

const [PHONE, LAPTOP] = VIEWPORTS;
const STUDENTS = 30;

/** Portraits drawn by the browser's canvas: `type` is `image/jpeg` or `image/png`. */
async function portraits(page, count, type) {
  const encoded = await page.evaluate(async ({ count, type }) => {
    const pictures = [];
    for (let index = 0; index < count; index += 1) {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 800;
      const context = canvas.getContext('2d');
      context.fillStyle = `hsl(${(index * 47) % 360} 45% 70%)`;
      context.fillRect(0, 0, 640, 800);
      context.fillStyle = `hsl(${(index * 47 + 180) % 360} 35% 35%)`;
      context.beginPath();
      context.arc(320, 330, 170, 0, Math.PI * 2);
      context.fill();
      context.fillRect(120, 560, 400, 240);
      // Some texture, so the files weigh what a photo does.
      for (let dot = 0; dot < 4000; dot += 1) {
        context.fillStyle = `rgba(${(dot * 13) % 255}, ${(dot * 7) % 255}, ${(dot * 3) % 255}, 0.3)`;
        context.fillRect((dot * 37) % 640, (dot * 91) % 800, 4, 4);
      }
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, type, 0.92));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      pictures.push(btoa(binary));
    }
    return pictures;
  }, { count, type });
  return encoded.map((base64) => Buffer.from(base64, 'base64'));
}

/** Records every value the page's progress bars take, however briefly they show. */
function recordProgress(page) {
  return page.evaluate(() => {
    window.progressSeen = { 'upload-progress': [], 'processing-progress': [] };
    const note = (element) => {
      const seen = window.progressSeen[element.id];
      if (seen) seen.push({ value: element.getAttribute('value'), max: element.getAttribute('max') });
    };
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes') note(record.target);
        for (const node of record.addedNodes) {
          if (node.nodeType !== 1) continue;
          if (node.matches('progress')) note(node);
          node.querySelectorAll('progress').forEach(note);
        }
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value', 'max'] });
  });
}

describe('profile pictures', () => {
  const suite = serverWithAdmin();
  const people = {};
  before(async () => {
    people.teacher = await createPerson(suite.server, suite.api, 'teacher', 'Rosa', 'Rivera');
    people.students = [];
    for (let index = 1; index <= STUDENTS; index += 1) {
      const number = String(index).padStart(2, '0');
      people.students.push(
        await suite.api.call('POST', '/users', {
          role: 'student',
          first_name: `Pupil ${number}`,
          last_name: 'Okafor',
          email: `pupil.${number}@lincoln.example`,
          school_identifier: `00${600 + index}`,
          grade: '10',
        }),
      );
    }
    const room = await addRoom(suite.api, { name: 'Room 101', teacher_ids: [people.teacher.user.id] });
    const library = await addRoom(suite.api, { name: 'Library' });
    // Pupil 01 is out, so the teacher's hallway has a row to show the picture on.
    await suite.api.call('POST', '/passes', {
      student_id: people.students[0].id,
      origin_room_id: room.id,
      destination_room_id: library.id,
      travel_type: 'round_trip',
      duration_minutes: 10,
    });
  });

  test('the photographer\'s zip with its mapping: both progress bars, the summary, Enable, and the picture on the hallway; then the hide toggle', async () => {
    const admin = await openPage(suite.browser, LAPTOP);
    await signInToHome(admin, suite.server);
    await mainNav(admin).getByRole('link', { name: 'Integrations' }).click();
    await admin.getByRole('heading', { name: 'Profile pictures' }).waitFor();
    await admin.getByText('Pictures are off').waitFor();
    await screenshot(admin, 'pictures-empty', LAPTOP);
    await expectAccessible(admin, 'pictures-empty');

    // Like Lifetouch's: pictures in a folder, a mapping with quotes, macOS's junk beside them.
    const jpegs = await portraits(admin, STUDENTS - 2, 'image/jpeg');
    const [png] = await portraits(admin, 1, 'image/png');
    const entries = jpegs.map((data, index) => ({
      name: `LINCOLN_HS_2026/${String(index + 1).padStart(5, '0')}.JPG`,
      data,
    }));
    entries.push({ name: 'LINCOLN_HS_2026/00029.png', data: png });
    entries.push({ name: 'LINCOLN_HS_2026/00030.jpg', data: Buffer.from('not really a picture') });
    entries.push({ name: 'LINCOLN_HS_2026/00099.jpg', data: jpegs[0] });
    entries.push({ name: '__MACOSX/LINCOLN_HS_2026/._00001.JPG', data: Buffer.from([0, 5, 22, 7]) });
    entries.push({ name: 'LINCOLN_HS_2026/.DS_Store', data: Buffer.alloc(64) });
    const archive = zip(entries);
    const mapping = people.students
      .map((student, index) => `"${student.school_identifier.replace(/^0+/, '')}","${String(index + 1).padStart(5, '0')}.${index === 28 ? 'png' : 'jpg'}"`)
      .join('\r\n');

    await admin.getByLabel('The photographer\'s zip').setInputFiles({ name: 'lincoln.zip', mimeType: 'application/zip', buffer: archive });
    await admin.getByLabel('Mapping file (optional)').setInputFiles({ name: 'idlink.txt', mimeType: 'text/plain', buffer: Buffer.from(mapping) });
    await recordProgress(admin);
    // A school's uplink, so that the upload takes long enough to watch.
    const cdp = await admin.context().newCDPSession(admin);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: Math.round(archive.length / 3),
    });
    await admin.getByRole('button', { name: 'Upload', exact: true }).click();
    await admin.getByText(/^Uploading: /).waitFor();
    await screenshot(admin, 'pictures-uploading', LAPTOP);

    const summary = admin.getByRole('status').filter({ hasText: 'Last upload' });
    await summary.getByText('29 students got a picture').waitFor({ timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    const seen = await admin.evaluate(() => window.progressSeen);
    const uploadSeen = seen['upload-progress'].map(({ value, max }) => [Number(value), Number(max)]);
    assert.ok(
      uploadSeen.some(([value, max]) => value > 0 && value < max),
      `the upload bar moved through the bytes: ${JSON.stringify(uploadSeen)}`,
    );
    const processingSeen = seen['processing-progress'].filter(({ max }) => max !== null);
    assert.ok(processingSeen.length > 0, 'the processing bar showed the pictures to process');
    assert.equal(Number(processingSeen[0].max), STUDENTS, 'every mapped file in the zip is processed');

    // The files that did not become pictures, each with its reason, in the table and the CSV.
    const table = admin.getByRole('table', { name: 'Files that did not become a picture' });
    const rowFor = (file) => table.getByRole('row').filter({ hasText: file });
    assert.match(await rowFor('00030.jpg').innerText(), /Rejected\s+Not a JPEG, PNG or WebP/);
    assert.match(await rowFor('00099.jpg').innerText(), /Not matched\s+The mapping file has no line for this file/);
    assert.equal(await rowFor('__MACOSX').count(), 0, 'macOS’s copies are ignored');
    assert.equal(await rowFor('.DS_Store').count(), 0);
    await screenshot(admin, 'pictures-summary', LAPTOP);
    await expectAccessible(admin, 'pictures-summary');
    const downloading = admin.waitForEvent('download');
    await admin.getByRole('button', { name: 'Download as CSV' }).click();
    const csv = await readFile(await (await downloading).path(), 'utf8');
    assert.match(csv, /^file,result,reason\r\n/);
    assert.match(csv, /"LINCOLN_HS_2026\/00030\.jpg","Rejected","Not a JPEG/);

    await admin.getByRole('button', { name: 'Enable pictures' }).click();
    await admin.getByText('Pictures are on').waitFor();

    // The teacher sees Pupil 01's picture on the hallway row, lazily loaded.
    const teacher = await openPage(suite.browser, LAPTOP);
    await signInAs(teacher, suite.server, people.teacher);
    await mainNav(teacher).getByRole('link', { name: 'Hallway' }).click();
    const row = teacher.getByRole('listitem').filter({ has: teacher.getByRole('button', { name: 'End pass for Pupil 01 Okafor' }) });
    const picture = row.locator('.avatar img');
    await picture.waitFor();
    await teacher.waitForFunction((img) => img.complete && img.naturalWidth > 0, await picture.elementHandle());
    const size = await picture.evaluate((img) => [img.naturalWidth, img.naturalHeight]);
    assert.ok(size[0] <= 320 && size[1] <= 400 && size[1] > 0, `the picture fits 320×400: ${size}`);
    await screenshot(teacher, 'hallway-with-picture', LAPTOP);
    await expectAccessible(teacher, 'hallway-with-picture');

    // The hide toggle: initials instead.
    await mainNav(teacher).getByRole('link', { name: 'My account' }).click();
    const hide = teacher.getByLabel('Show initials instead of students\' pictures');
    // Listen before the click: the answer can come before a later listener would be set.
    const saved = teacher.waitForResponse((response) => response.url().endsWith('/me/preferences') && response.ok());
    await hide.check();
    await saved;
    await screenshot(teacher, 'account-hide-pictures', LAPTOP);
    await expectAccessible(teacher, 'account-hide-pictures');
    await mainNav(teacher).getByRole('link', { name: 'Hallway' }).click();
    await row.locator('.avatar-initials', { hasText: 'PO' }).waitFor();
    assert.equal(await row.locator('.avatar img').count(), 0);
    // It is the teacher's own choice: a reload keeps it.
    await teacher.reload();
    await row.locator('.avatar-initials', { hasText: 'PO' }).waitFor();
    assert.equal(await row.locator('.avatar img').count(), 0);
    await teacher.close();

    // Delete all, after a confirmation.
    await admin.getByRole('button', { name: 'Delete all pictures' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Delete all pictures?' });
    await dialog.waitFor();
    await expectAccessible(admin, 'pictures-delete-all');
    await dialog.getByRole('button', { name: 'Delete all pictures' }).click();
    await admin.getByText('Deleted 29 pictures.').waitFor();
    assert.deepEqual(admin.errors, []);
    await admin.close();
  });

  test('the account panel: a student\'s picture replaced and deleted, on a phone', async () => {
    const admin = await openPage(suite.browser, PHONE);
    await signInToHome(admin, suite.server);
    await mainNav(admin).getByRole('link', { name: 'Accounts' }).click();
    await admin.getByRole('searchbox', { name: 'Search' }).fill('Pupil 02');
    await admin.getByRole('row', { name: /Okafor, Pupil 02/ }).getByText('pupil.02@lincoln.example').click();
    const panel = admin.getByRole('dialog', { name: 'Pupil 02 Okafor' });
    await panel.getByRole('heading', { name: 'Picture' }).waitFor();
    await panel.locator('.avatar-initials', { hasText: 'PO' }).waitFor();
    const [jpeg] = await portraits(admin, 1, 'image/jpeg');
    await panel.getByLabel('New picture (JPEG, PNG or WebP)').setInputFiles({ name: 'pupil.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await panel.getByRole('button', { name: 'Upload picture' }).click();
    await panel.locator('.avatar img').waitFor();
    await screenshot(admin, 'account-panel-picture', PHONE, { fullPage: false });
    await expectAccessible(admin, 'account-panel-picture');
    // Not a picture: refused with the API's reason, and the old picture stays.
    await panel.getByLabel('New picture (JPEG, PNG or WebP)').setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('hello') });
    await panel.getByRole('button', { name: 'Upload picture' }).click();
    await panel.getByRole('alert').filter({ hasText: /JPEG, PNG or WebP/ }).waitFor();
    await panel.locator('.avatar img').waitFor();
    await panel.getByRole('button', { name: 'Delete picture' }).click();
    await panel.locator('.avatar-initials', { hasText: 'PO' }).waitFor();
    assert.equal(await panel.getByRole('button', { name: 'Delete picture' }).count(), 0);
    // The browser logs the refused upload's 400; nothing else went wrong.
    assert.deepEqual(admin.errors.filter((error) => !error.includes('status of 400')), []);
    await admin.close();
  });
});
