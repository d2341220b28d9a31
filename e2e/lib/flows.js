// Steps several tests share, written the way a person uses the app.

/** Fills and submits the sign-in form; the page must be on it. */
export async function signIn(page, email, password) {
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens the app and signs in; resolves once Home shows. */
export async function signInToHome(page, server, password = server.adminPassword) {
  await page.goto(server.baseUrl);
  await signIn(page, server.adminEmail, password);
  await page.getByRole('heading', { name: 'Home' }).waitFor();
}

export function mainNav(page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/** From anywhere in the signed-in app, opens Accounts through the navigation. */
export async function openAccounts(page) {
  await mainNav(page).getByRole('link', { name: 'Accounts' }).click();
  await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
}

/** Types into the Accounts search and waits for the list that answers it. */
export async function searchAccounts(page, text) {
  const answered = page.waitForResponse(
    (response) => response.url().includes('/api/v1/users?') && response.url().includes(`q=${encodeURIComponent(text)}`),
  );
  await page.getByRole('searchbox', { name: 'Search' }).fill(text);
  await answered;
}
