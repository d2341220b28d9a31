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

// The sheet opens as a `blob:` page, which takes the app's Content-Security-Policy. That policy
// allows inline code only by hash, so the style and the Print button's script are files that
// `security_headers` hashes too, and the button has no inline `onclick`.
const STYLE: &str = include_str!("../../assets/password-sheet.css");
const SCRIPT: &str = include_str!("../../assets/password-sheet.js");

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
         <div class=\"toolbar\"><button type=\"button\" id=\"print\">Print</button>\
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
    let _ = write!(html, "</main><script>{SCRIPT}</script></body></html>");
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
        // Inline code is exactly the hashed files, and no handler attribute.
        assert!(html.contains(&format!("<style>{STYLE}</style>")));
        assert!(html.contains(&format!("<script>{SCRIPT}</script>")));
        assert!(!html.contains("onclick"));
    }
}
