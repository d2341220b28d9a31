// Test data made through the API as the admin, so that browser tests spend their steps on
// the flow they are about.

/** Signs the bootstrap admin in and returns a client for `/api/v1`. */
export async function adminApi(server) {
  const login = await call(server.baseUrl, null, 'POST', '/auth/login', {
    email: server.adminEmail,
    password: server.adminPassword,
  });
  const token = login.access_token;
  return {
    call: (method, path, body) => call(server.baseUrl, token, method, path, body),
    /** The student's invite code, read from the CSV download as a school would. */
    async inviteCode(studentId) {
      const student = await call(server.baseUrl, token, 'GET', `/users/${studentId}`);
      const response = await fetch(`${server.baseUrl}/api/v1/invite-codes.csv`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const row = (await response.text())
        .split('\n')
        .find((line) => line.startsWith(`${student.last_name},${student.first_name},`));
      return row.trim().split(',').at(-1);
    },
    /** Creates students `{first_name, last_name, …}` one by one; resolves to the created users. */
    async createStudents(students) {
      const created = [];
      for (const student of students) {
        created.push(await call(server.baseUrl, token, 'POST', '/users', { role: 'student', ...student }));
      }
      return created;
    },
  };
}

/** Calls `/api/v1{path}` and resolves to the parsed answer; a refusal throws. */
export async function call(baseUrl, token, method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** `count` students named `Student NN <tag>` (grade 9), each with an email and an ID. */
export function studentsNamed(tag, count) {
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(2, '0');
    return {
      first_name: `Student ${number}`,
      last_name: tag,
      email: `${tag.toLowerCase()}.${number}@lincoln.example`,
      school_identifier: `${tag}-${number}`,
      grade: '9',
    };
  });
}
