// Reading the printable password sheets the server makes (`POST /users/password-sheets`).

const unescape = (text) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The cards of a sheet's HTML: `[{ name, signIn, password }]`, in print order. */
export function cardsOf(html) {
  const cards = [];
  for (const [, card] of html.matchAll(/<section class="card">([\s\S]*?)<\/section>/g)) {
    const field = (label) => {
      const match = card.match(new RegExp(`<dt>${label}</dt><dd>([^<]*)</dd>`));
      return match ? unescape(match[1]) : null;
    };
    const name = card.match(/<div class="name">([^<]*)<\/div>/);
    cards.push({
      name: name ? unescape(name[1]) : null,
      signIn: field('Sign-in name'),
      password: field('Temporary password'),
    });
  }
  return cards;
}

/** How many pages a PDF made by Chromium has. */
export function pdfPageCount(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}
