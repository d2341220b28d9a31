//! Serves the built SPA at `/`, falling back to `index.html` so client-side routes load.
use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::{web, HttpRequest, HttpResponse, Responder, ResponseError};

use crate::input::no_such_route_error;

/// Where the SPA's `index.html` is, when it is built.
#[derive(Clone)]
pub struct SpaIndex(Option<PathBuf>);

impl SpaIndex {
    pub fn find(web_dir: &Path) -> Self {
        let index = web_dir.join("index.html");
        if index.is_file() {
            return Self(Some(index));
        }
        tracing::warn!(dir = %web_dir.display(), "the SPA is not built; serving the API only (run scripts/build-web.sh)");
        Self(None)
    }
}

pub fn configure(cfg: &mut web::ServiceConfig, web_dir: &Path, index: &SpaIndex) {
    if index.0.is_some() {
        cfg.service(
            Files::new("/", web_dir)
                .index_file("index.html")
                .default_handler(fn_service(|req: ServiceRequest| async {
                    let (req, _) = req.into_parts();
                    let response = fallback(req.clone()).await;
                    Ok(ServiceResponse::new(req, response))
                })),
        );
    }
}

/// Anything no route or file matched: JSON 404 under `/api`, else the SPA's `index.html`.
pub async fn fallback(req: HttpRequest) -> HttpResponse {
    let is_page = req.method() == Method::GET || req.method() == Method::HEAD;
    if req.path().starts_with("/api/") || req.path() == "/api" || !is_page {
        return no_such_route_error(&req).error_response();
    }
    let index = req
        .app_data::<web::Data<SpaIndex>>()
        .and_then(|i| i.0.clone());
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
