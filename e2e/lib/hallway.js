// People and rooms for the pass and hallway tests, made through the API as the admin.
import { call as request } from './api.js';
import { signIn } from './flows.js';

export const PASSWORD = 'a long walk down the hall';

/** A signed-in API client for `email`/`password`. */
export async function signedInApi(server, email, password) {
  const login = await request(server.baseUrl, null, 'POST', '/auth/login', { email, password });
  const token = login.access_token;
  return {
    user: login.user,
    call: (method, path, body) => request(server.baseUrl, token, method, path, body),
  };
}

/**
 * Creates an account of `role` with a temporary password and changes it to `PASSWORD`, so that
 * the browser signs in straight to Home. Resolves to `{ user, email, api }`.
 */
export async function createPerson(server, admin, role, first, last, extra = {}) {
  const email = `${first}.${last}@lincoln.example`.toLowerCase();
  const user = await admin.call('POST', '/users', {
    role,
    first_name: first,
    last_name: last,
    email,
    password: 'temporary password 1',
    ...extra,
  });
  const first_session = await signedInApi(server, email, 'temporary password 1');
  await first_session.call('POST', '/me/password', {
    current_password: 'temporary password 1',
    new_password: PASSWORD,
  });
  return { user, email, api: await signedInApi(server, email, PASSWORD) };
}

/** A room with sensible defaults; `fields` override them. */
export function addRoom(admin, fields) {
  return admin.call('POST', '/rooms', {
    travel_types: ['round_trip', 'one_way'],
    default_minutes: 5,
    max_minutes: 10,
    restricted_now: false,
    restricted_future: false,
    end_requires_code: false,
    teacher_ids: [],
    enabled: true,
    ...fields,
  });
}

/** Opens the app as `person` and waits for Home. */
export async function signInAs(page, server, person) {
  await page.goto(server.baseUrl);
  await signIn(page, person.email, PASSWORD);
  await page.getByRole('heading', { name: 'Home' }).waitFor();
}
