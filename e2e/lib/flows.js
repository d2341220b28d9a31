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
