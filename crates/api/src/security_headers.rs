//! The security headers on every answer, API and SPA alike: a strict Content-Security-Policy,
//! no MIME sniffing, no referrer, no framing, and HSTS behind a proxy that ends TLS.
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;
use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::state::AppState;

// The password sheet's inline style and script (`users/sheet.rs` includes the same files).
const SHEET_STYLE: &str = include_str!("../assets/password-sheet.css");
const SHEET_SCRIPT: &str = include_str!("../assets/password-sheet.js");

/// The headers, built once at start-up.
pub struct SecurityHeaders {
    content_security_policy: HeaderValue,
}

impl SecurityHeaders {
    /// `index_scripts`: the inline scripts of the SPA's `index.html` (Trunk's wasm loader).
    pub fn new(index_scripts: &[String]) -> Self {
        let policy = content_security_policy(index_scripts);
        Self {
            content_security_policy: HeaderValue::from_str(&policy)
                .expect("a policy is printable ASCII"),
        }
    }
}

/// Scripts and styles come only from this server. Inline code runs only when the policy names
/// its hash: Trunk's loader in `index.html`, and the password sheet's style and Print script
/// (the sheet opens as a `blob:` page, which takes this policy from the app that opened it).
/// WebAssembly compiles under `'wasm-unsafe-eval'`, which allows no JavaScript `eval`. Images
/// may also be `data:` and `blob:` URLs, for profile pictures chosen in the browser.
fn content_security_policy(index_scripts: &[String]) -> String {
    let mut scripts = vec!["'self'".to_owned(), "'wasm-unsafe-eval'".to_owned()];
    scripts.extend(
        index_scripts
            .iter()
            .map(String::as_str)
            .chain([SHEET_SCRIPT])
            .map(source_hash),
    );
    [
        "default-src 'self'".to_owned(),
        format!("script-src {}", scripts.join(" ")),
        format!("style-src 'self' {}", source_hash(SHEET_STYLE)),
        "img-src 'self' data: blob:".to_owned(),
        "connect-src 'self'".to_owned(),
        "object-src 'none'".to_owned(),
        "base-uri 'none'".to_owned(),
        "form-action 'self'".to_owned(),
        "frame-ancestors 'none'".to_owned(),
    ]
    .join("; ")
}

/// The CSP source that allows exactly this inline `<script>` or `<style>` text.
fn source_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Adds the headers to every answer that does not set its own.
pub async fn add_security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let policy = req
        .app_data::<web::Data<SecurityHeaders>>()
        .map(|headers| headers.content_security_policy.clone());
    let https = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.proxy.tls_at_proxy(req.request()));
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    let mut add = |name: HeaderName, value: HeaderValue| {
        if !headers.contains_key(&name) {
            headers.insert(name, value);
        }
    };
    if let Some(policy) = policy {
        add(header::CONTENT_SECURITY_POLICY, policy);
    }
    add(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    add(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    add(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Only when our own proxy says TLS ended there: sent over plain HTTP, the header would be
    // ignored, and a server reached without TLS must not promise it. No `includeSubDomains`:
    // other hosts of the school's domain are not ours to bind.
    if https {
        add(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_inline_code_by_hash_and_allows_no_other() {
        let policy = content_security_policy(&["console.log(1)".to_owned()]);
        assert!(policy.starts_with(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' \
             'sha256-CihokcEcBW4atb/CW/XWsvWwbTjqwQlE9nj9ii5ww5M=' 'sha256-"
        ));
        for directive in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "img-src 'self' data: blob:",
            "connect-src 'self'",
        ] {
            assert!(policy.contains(directive), "{directive} in {policy}");
        }
        assert!(!policy.contains("unsafe-inline"));
        assert!(!policy.contains("'unsafe-eval'"));
    }
}
