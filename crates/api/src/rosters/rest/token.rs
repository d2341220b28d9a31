//! OAuth 2.0 client credentials: the client ID and secret by HTTP Basic, as the standard says,
//! and in the form only for a server that refuses Basic.
use reqwest::{StatusCode, Url};
use serde::Deserialize;

use super::super::oneroster::manifest::Version;
use super::client::Http;
use super::{PullError, Server};

const SCOPE_1_2: &str = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";

#[derive(Deserialize)]
struct Answer {
    access_token: String,
}

pub async fn fetch(
    http: &Http,
    url: &Url,
    server: &Server,
    version: Version,
) -> Result<String, PullError> {
    let mut form = vec![("grant_type", "client_credentials")];
    if version == Version::V1_2 {
        form.push(("scope", SCOPE_1_2));
    }
    let basic = http
        .send(url, || {
            http.client()
                .post(url.clone())
                .basic_auth(&server.client_id, Some(&server.client_secret))
                .form(&form)
        })
        .await?;
    let response = if refused(basic.status()) {
        drop(basic);
        let mut posted = form.clone();
        posted.push(("client_id", server.client_id.as_str()));
        posted.push(("client_secret", server.client_secret.as_str()));
        http.send(url, || http.client().post(url.clone()).form(&posted))
            .await?
    } else {
        basic
    };
    match response.status() {
        status if status.is_success() => access_token(http, url, response).await,
        status if refused(status) => Err(PullError::new(
            "oneroster_auth_failed",
            format!(
                "The OneRoster server refused the client ID and secret ({status} from the token \
                 URL): check them."
            ),
        )),
        status => Err(PullError::new(
            "oneroster_bad_answer",
            format!("The token URL answered {status}: check the address."),
        )),
    }
}

fn refused(status: StatusCode) -> bool {
    status == StatusCode::BAD_REQUEST || status == StatusCode::UNAUTHORIZED
}

async fn access_token(
    http: &Http,
    url: &Url,
    response: reqwest::Response,
) -> Result<String, PullError> {
    let body = http.body(url, response).await?;
    serde_json::from_slice::<Answer>(&body)
        .ok()
        .map(|answer| answer.access_token)
        .filter(|token| !token.is_empty())
        .ok_or_else(|| {
            PullError::new(
                "oneroster_bad_answer",
                "The token URL answered without an access_token: is it the OAuth token address?",
            )
        })
}
