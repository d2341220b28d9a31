//! Serves the built SPA at `/`, falling back to `index.html` so client-side routes load.
//! Files the build compressed ahead (`name.br`, `name.gz`) are sent as they are to browsers
//! that take them.
use std::io;
use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{fn_service, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, AcceptEncoding, ContentEncoding, Encoding, HeaderValue};
use actix_web::http::Method;
use actix_web::middleware::{from_fn, Compress, Next};
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse, Responder, ResponseError};

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

    /// The built SPA's directory, when there is one.
    fn web_dir(&self) -> Option<PathBuf> {
        self.path.as_deref()?.parent().map(Path::to_path_buf)
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
        // Phones on school Wi-Fi: the wasm is a quarter of its size in brotli. The build's
        // precompressed files come first; `Compress` (fast levels, on the fly) covers the rest
        // and leaves alone what has a Content-Encoding already.
        cfg.service(
            web::scope("")
                .wrap(Compress::default())
                .wrap(from_fn(precompressed))
                .wrap(from_fn(cache_headers))
                .service(files),
        );
    }
}

/// The precompressed copies the build writes next to a file (`scripts/precompress.mjs`), in the
/// order they are preferred when a browser takes several equally.
const VARIANTS: [(&str, ContentEncoding); 2] = [
    ("br", ContentEncoding::Brotli),
    ("gz", ContentEncoding::Gzip),
];

/// `file`, or its precompressed copy when the request accepts one: sent with the original's
/// type and its own Content-Encoding.
async fn open_best(file: &Path, req: &HttpRequest) -> io::Result<NamedFile> {
    if let Some((variant, encoding)) = chosen_variant(file, req) {
        let content_type = actix_files::file_extension_to_mime(
            file.extension().and_then(|ext| ext.to_str()).unwrap_or(""),
        );
        return Ok(NamedFile::open_async(variant)
            .await?
            .set_content_type(content_type)
            .set_content_encoding(encoding)
            // Named after the `.br` file, it would read as a download of it.
            .disable_content_disposition());
    }
    NamedFile::open_async(file).await
}

fn chosen_variant(file: &Path, req: &HttpRequest) -> Option<(PathBuf, ContentEncoding)> {
    let accepted = req.get_header::<AcceptEncoding>()?;
    let present: Vec<_> = VARIANTS
        .iter()
        .map(|(ext, encoding)| (variant_path(file, ext), *encoding))
        .filter(|(path, _)| path.is_file())
        .collect();
    let mut supported: Vec<Encoding> = present
        .iter()
        .map(|(_, encoding)| Encoding::Known(*encoding))
        .collect();
    supported.push(Encoding::identity());
    let Encoding::Known(chosen) = accepted.negotiate(supported.iter())? else {
        return None;
    };
    present
        .into_iter()
        .find(|(_, encoding)| *encoding == chosen)
}

fn variant_path(file: &Path, ext: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// The built file a request path names (`/` is `index.html`), if it exists. Only plain names
/// are looked up here; anything else is left to `Files`, which knows how to refuse it.
fn built_file(web_dir: &Path, path: &str) -> Option<PathBuf> {
    let relative = path.strip_prefix('/')?;
    let relative = if relative.is_empty() {
        "index.html"
    } else {
        relative
    };
    let plain = relative.split('/').all(|part| {
        !part.is_empty()
            && !part.starts_with('.')
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    });
    Some(web_dir.join(relative)).filter(|file| plain && file.is_file())
}

/// Sends a built file's precompressed copy when the browser takes one; otherwise `Files` (and
/// `Compress`) answer. Either way the answer varies with Accept-Encoding, and says so.
async fn precompressed(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let is_read = req.method() == Method::GET || req.method() == Method::HEAD;
    let web_dir = req
        .app_data::<web::Data<SpaIndex>>()
        .and_then(|index| index.web_dir());
    let file = web_dir
        .filter(|_| is_read)
        .and_then(|dir| built_file(&dir, req.path()))
        .filter(|file| chosen_variant(file, req.request()).is_some());
    let mut response = match file {
        Some(file) => {
            let (http_req, _) = req.into_parts();
            let response = open_best(&file, &http_req).await?.into_response(&http_req);
            ServiceResponse::new(http_req, response)
        }
        None => next.call(req).await?.map_into_boxed_body(),
    };
    let headers = response.headers_mut();
    if !headers.contains_key(header::VARY) {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    Ok(response)
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
        Some(index) => match open_best(&index, &req).await {
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
