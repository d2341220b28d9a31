//! Serves the built SPA at `/`, falling back to `index.html` so client-side routes load.
use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::body::MessageBody;
use actix_web::dev::{fn_service, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Method;
use actix_web::middleware::{from_fn, Compress, Next};
use actix_web::{web, HttpRequest, HttpResponse, Responder, ResponseError};

use crate::input::no_such_route_error;

/// Where the SPA's `index.html` is, when it is built, and the inline scripts in it.
#[derive(Clone)]
pub struct SpaIndex {
    path: Option<PathBuf>,
    inline_scripts: Vec<String>,
}

impl SpaIndex {
    pub fn find(web_dir: &Path) -> Self {
        let index = web_dir.join("index.html");
        match std::fs::read_to_string(&index) {
            Ok(html) => Self {
                inline_scripts: inline_scripts(&html),
                path: Some(index),
            },
            Err(_) => {
                tracing::warn!(dir = %web_dir.display(), "the SPA is not built; serving the API only (run scripts/build-web.sh)");
                Self {
                    path: None,
                    inline_scripts: Vec::new(),
                }
            }
        }
    }

    /// The text of each `<script>` without `src` (Trunk's wasm loader), which the
    /// Content-Security-Policy allows by hash. They are read once: after rebuilding the SPA,
    /// restart the server.
    pub fn inline_scripts(&self) -> &[String] {
        &self.inline_scripts
    }
}

/// The contents of `html`'s `<script>` elements that have no `src`, as a browser hashes them
/// (its parser turns every CR LF and lone CR into LF first).
fn inline_scripts(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut rest = 0;
    while let Some(start) = lower[rest..].find("<script").map(|at| rest + at) {
        let Some(tag_end) = lower[start..].find('>').map(|at| start + at + 1) else {
            break;
        };
        let Some(end) = lower[tag_end..].find("</script").map(|at| tag_end + at) else {
            break;
        };
        let has_src = lower[start..tag_end]
            .split(|c: char| c.is_ascii_whitespace() || c == '>')
            .any(|attribute| attribute == "src" || attribute.starts_with("src="));
        if !has_src {
            scripts.push(html[tag_end..end].replace("\r\n", "\n").replace('\r', "\n"));
        }
        rest = end;
    }
    scripts
}

pub fn configure(cfg: &mut web::ServiceConfig, web_dir: &Path, index: &SpaIndex) {
    if index.path.is_some() {
        let files = Files::new("/", web_dir)
            .index_file("index.html")
            .default_handler(fn_service(|req: ServiceRequest| async {
                let (req, _) = req.into_parts();
                let response = fallback(req.clone()).await;
                Ok(ServiceResponse::new(req, response))
            }));
        // Phones on school Wi-Fi: the wasm is a third of its size gzipped.
        cfg.service(
            web::scope("")
                .wrap(Compress::default())
                .wrap(from_fn(cache_headers))
                .service(files),
        );
    }
}

/// Trunk names built files with a content hash (`app-0123456789abcdef.wasm`): they never change,
/// so browsers may keep them. Everything else (`index.html`, client routes) is revalidated.
fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let stem = name.split('.').next().unwrap_or("");
    let hash = stem
        .rsplit(['-', '_'])
        .find(|part| part.len() == 16)
        .unwrap_or("");
    name.contains('.') && hash.chars().all(|c| c.is_ascii_hexdigit()) && !hash.is_empty()
}

async fn cache_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let immutable = is_hashed_asset(req.path());
    let mut response = next.call(req).await?;
    let value = if immutable && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    Ok(response)
}

/// A path whose last part has an extension asks for a file; a missing one is a 404, not the app.
fn asks_for_a_file(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|name| name.contains('.'))
}

/// Anything no route or file matched: JSON 404 under `/api`, else the SPA's `index.html`.
pub async fn fallback(req: HttpRequest) -> HttpResponse {
    let is_page = req.method() == Method::GET || req.method() == Method::HEAD;
    let api = req.path().starts_with("/api/") || req.path() == "/api";
    if api || !is_page || asks_for_a_file(req.path()) {
        return no_such_route_error(&req).error_response();
    }
    let index = req
        .app_data::<web::Data<SpaIndex>>()
        .and_then(|i| i.path.clone());
    match index {
        Some(index) => match NamedFile::open_async(&index).await {
            Ok(file) => file.respond_to(&req).map_into_boxed_body(),
            Err(err) => actix_web::Error::from(err).error_response(),
        },
        None => HttpResponse::ServiceUnavailable()
            .content_type("text/plain; charset=utf-8")
            .body(
                "The Hallpass web app is not built yet. Run scripts/build-web.sh, then restart.\n",
            ),
    }
}

pub async fn openapi_json(spec: web::Data<String>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(spec.get_ref().clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_trunk_hashed_files_are_immutable() {
        assert!(is_hashed_asset("/hallpass-web-aa8df1d8117a1a89_bg.wasm"));
        assert!(is_hashed_asset("/style-5b8737a500568307.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/"));
        assert!(!is_hashed_asset("/accounts"));
        assert!(!is_hashed_asset("/favicon.svg"));
    }

    #[test]
    fn inline_scripts_are_found_as_the_browser_reads_them() {
        let html = "<html><head><script src=\"/a.js\"></script>\
            <SCRIPT type=\"module\">import init from '/app.js';\r\nawait init();\r\n</SCRIPT>\
            </head><body><script>x()</script></body></html>";
        assert_eq!(
            inline_scripts(html),
            ["import init from '/app.js';\nawait init();\n", "x()"]
        );
    }

    #[test]
    fn missing_files_are_not_client_routes() {
        assert!(asks_for_a_file("/missing.js"));
        assert!(!asks_for_a_file("/accounts/123"));
        assert!(!asks_for_a_file("/"));
    }
}
