//! The printable sign-in cards: `paper_saver` (ten a page, cut lines) or `separate_pages`.
use std::fmt::Write as _;

use hallpass_shared::accounts::SheetLayout;

pub struct Card {
    pub name: String,
    pub sign_in: String,
    pub password: String,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

const STYLE: &str = "
@page { size: letter; margin: 12mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; color: #111; }
.toolbar { padding: 12px 16px; background: #f1f5f9; border-bottom: 1px solid #cbd5e1; font-size: 14px; }
.toolbar button { font: inherit; padding: 6px 14px; margin-right: 12px; }
.sheet { padding: 12px; }
.paper-saver { display: grid; grid-template-columns: 1fr 1fr; grid-auto-rows: 50mm; }
.card { padding: 5mm 6mm; break-inside: avoid; page-break-inside: avoid; }
.paper-saver .card { border: 1px dashed #64748b; }
.separate-pages .card { break-after: page; page-break-after: always; padding: 20mm 10mm; font-size: 150%; }
.school { font-size: 9pt; color: #475569; text-transform: uppercase; letter-spacing: .04em; }
.name { font-size: 14pt; font-weight: 700; margin: 1mm 0 3mm; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 1.5mm 4mm; margin: 0; }
dt { color: #475569; font-size: 10pt; }
dd { margin: 0; font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 12pt; overflow-wrap: anywhere; }
.note { font-size: 8.5pt; color: #475569; margin-top: 2.5mm; }
@media print { .toolbar { display: none; } .sheet { padding: 0; } }
";

pub fn render(cards: &[Card], layout: SheetLayout, school: &str, address: &str) -> String {
    let class = match layout {
        SheetLayout::PaperSaver => "paper-saver",
        SheetLayout::SeparatePages => "separate-pages",
    };
    let school = escape(school);
    let address = escape(address);
    let mut html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Sign-in cards: {school}</title><style>{STYLE}</style></head><body>\
         <div class=\"toolbar\"><button type=\"button\" onclick=\"window.print()\">Print</button>\
         {count} sign-in card{plural}. These passwords are shown only here: print them now.</div>\
         <main class=\"sheet {class}\">",
        count = cards.len(),
        plural = if cards.len() == 1 { "" } else { "s" },
    );
    for card in cards {
        let _ = write!(
            html,
            "<section class=\"card\"><div class=\"school\">{school}</div><div class=\"name\">{name}</div>\
             <dl><dt>Sign in at</dt><dd>{address}</dd><dt>Sign-in name</dt><dd>{sign_in}</dd>\
             <dt>Temporary password</dt><dd>{password}</dd></dl>\
             <p class=\"note\">You will choose your own password when you first sign in.</p></section>",
            name = escape(&card.name),
            sign_in = escape(&card.sign_in),
            password = escape(&card.password),
        );
    }
    html.push_str("</main></body></html>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_are_escaped_and_complete() {
        let card = Card {
            name: "<b>Ann</b>".into(),
            sign_in: "ann@x.test".into(),
            password: "abcde-fghjk".into(),
        };
        let html = render(
            &[card],
            SheetLayout::PaperSaver,
            "A & B High",
            "https://hall.example/",
        );
        assert!(html.contains("&lt;b&gt;Ann&lt;/b&gt;"));
        assert!(html.contains("A &amp; B High"));
        assert!(
            html.contains("ann@x.test")
                && html.contains("abcde-fghjk")
                && html.contains("https://hall.example/")
        );
        assert!(html.contains("paper-saver"));
    }
}
