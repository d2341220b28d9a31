//! The browser's `fetch`, as much of it as the client needs. (An HTTP client crate would bring
//! its own request, header and body types to the wasm; the browser has them already.)

use js_sys::futures::JsFuture;
use js_sys::{JsString, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Headers, RequestInit};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// What to send: the body is JSON text already.
pub struct Request<'a> {
    pub method: Method,
    pub url: &'a str,
    pub json: Option<&'a str>,
    pub bearer: Option<&'a str>,
}

/// An answer whose head has arrived; its body is read with `text` or `bytes`.
pub struct Response(web_sys::Response);

/// The request failed before any answer (offline, server down, refused by the browser).
pub struct NoAnswer;

/// The answer's body could not be read to the end.
pub struct BrokenBody;

impl Response {
    pub fn status(&self) -> u16 {
        self.0.status()
    }

    pub fn is_success(&self) -> bool {
        self.0.ok()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.0.headers().get(name).ok().flatten()
    }

    pub async fn text(self) -> Result<String, BrokenBody> {
        let promise = self.0.text().map_err(|_| BrokenBody)?;
        let text = JsFuture::from(promise).await.map_err(|_| BrokenBody)?;
        text.dyn_into::<JsString>()
            .map(String::from)
            .map_err(|_| BrokenBody)
    }

    pub async fn bytes(self) -> Result<Vec<u8>, BrokenBody> {
        let promise = self.0.array_buffer().map_err(|_| BrokenBody)?;
        let buffer = JsFuture::from(promise).await.map_err(|_| BrokenBody)?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }
}

pub async fn fetch(request: Request<'_>) -> Result<Response, NoAnswer> {
    let headers = Headers::new().map_err(|_| NoAnswer)?;
    let set = |name: &str, value: &str| headers.set(name, value).map_err(|_| NoAnswer);
    set("Accept", "application/json")?;
    if let Some(token) = request.bearer {
        set("Authorization", &format!("Bearer {token}"))?;
    }
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    if let Some(json) = request.json {
        set("Content-Type", "application/json")?;
        init.set_body(&JsValue::from_str(json));
    }
    init.set_headers(&headers);
    let window = web_sys::window().ok_or(NoAnswer)?;
    let answer = JsFuture::from(window.fetch_with_str_and_init(request.url, &init))
        .await
        .map_err(|_| NoAnswer)?;
    answer.dyn_into().map(Response).map_err(|_| NoAnswer)
}
