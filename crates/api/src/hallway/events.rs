//! `GET /hallway/events`: the live hallway as Server-Sent Events.
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use actix_web::web::Bytes;
use actix_web::{get, web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use hallpass_shared::events::RESYNC;
use serde::Deserialize;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::time::{Instant, Interval};

use super::rights::Watch;
use super::tickets::redeem;
use crate::auth::extract::{bearer, load_active, school_member};
use crate::auth::principal::Principal;
use crate::error::ApiError;
use crate::events::{sse_frame, Event, Subscriber};
use crate::state::AppState;

/// Keeps proxies from closing a quiet stream.
const HEARTBEAT: Duration = Duration::from_secs(15);
/// A stream ends after this; the client reconnects with a new ticket. (An account that loses
/// its rights meanwhile loses them on the stream within seconds: see `rights`.)
const MAX_AGE: Duration = Duration::from_secs(15 * 60);

#[derive(Deserialize, utoipa::IntoParams)]
pub struct StreamQuery {
    /// From `POST /hallway/ticket`; other clients may send `Authorization: Bearer` instead.
    ticket: Option<String>,
}

/// The live hallway: `pass.created`, `pass.updated`, `pass.ended`, `request.created`,
/// `emergency`, `encounter.prevented` and `resync` (see the events list in the docs), each
/// only to subscribers who may see it. Students receive their own passes. An account holds a
/// few streams open at once (10 unless configured): a newer one closes the oldest.
#[utoipa::path(
    tag = "hallway",
    security((), ("bearer" = [])),
    params(StreamQuery),
    responses(
        (status = 200, description = "An endless `text/event-stream`", content_type = "text/event-stream", body = String),
        (status = 400, response = crate::openapi::BadRequest),
    )
)]
#[get("/hallway/events")]
pub async fn events(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<StreamQuery>,
) -> Result<HttpResponse, ApiError> {
    let user_id = match query.into_inner().ticket {
        Some(ticket) => redeem(&state, ticket).await?,
        None => {
            let token = bearer(&req).ok_or_else(|| {
                ApiError::unauthenticated("Send a ticket from POST /hallway/ticket.")
            })?;
            state.tokens.verify(&token)?
        }
    };
    let principal = school_member(load_active(&state, user_id).await?)?;
    let school_id = principal.school()?.id.clone();
    let watch = state.stream_rights.watch(
        principal.id(),
        principal.user.updated_at,
        state.throttles.streams_per_account(),
    );
    let refresh = Refresh {
        state: state.clone(),
        user_id: principal.id().to_owned(),
        watch,
        due: false,
    };
    let subscriber = subscriber_of(&state, principal).await?;
    let live = Live {
        receiver: state.events.subscribe(&school_id),
        subscriber,
        refresh: Some(refresh),
        heartbeat: tokio::time::interval_at(Instant::now() + HEARTBEAT, HEARTBEAT),
        ends_at: Instant::now() + MAX_AGE,
    };
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header(("Cache-Control", "no-store"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(live.into_stream()))
}

async fn subscriber_of(state: &AppState, principal: Principal) -> Result<Subscriber, ApiError> {
    state
        .db
        .run(move |conn| Subscriber::load(conn, &principal))
        .await
}

struct Live {
    receiver: broadcast::Receiver<Arc<Event>>,
    subscriber: Subscriber,
    /// `None` only in unit tests.
    refresh: Option<Refresh>,
    heartbeat: Interval,
    ends_at: Instant,
}

/// Reloads a stream's rights when its account changes.
struct Refresh {
    state: web::Data<AppState>,
    user_id: String,
    watch: Watch,
    /// The account changed and the reload has not finished: `select!` may drop a reload
    /// half-way for another branch, and the next call must still do it.
    due: bool,
}

impl Refresh {
    /// The account's rights after its next change, or `None` when it may no longer listen
    /// or a newer stream of the account took this one's place.
    async fn next(&mut self) -> Option<Subscriber> {
        if !self.due {
            let replaced = self.watch.replaced_signal();
            tokio::select! {
                () = self.watch.changed() => {}
                () = replaced.notified() => return None,
            }
            self.due = true;
        }
        // Boxed: every open stream's future would otherwise carry the reload's state.
        let reloaded = Box::pin(async {
            let principal = school_member(load_active(&self.state, self.user_id.clone()).await?)?;
            subscriber_of(&self.state, principal).await
        });
        let reloaded = reloaded.await;
        self.due = false;
        match reloaded {
            Ok(subscriber) => Some(subscriber),
            Err(refused) => {
                tracing::info!(user_id = %self.user_id, reason = %refused, "an event stream lost its rights and was closed");
                None
            }
        }
    }
}

impl Live {
    fn into_stream(self) -> impl futures_util::Stream<Item = Result<Bytes, Infallible>> {
        // The first frame tells the client how soon to reconnect and flushes the headers.
        let hello = futures_util::stream::once(async {
            Ok::<_, Infallible>(Bytes::from_static(b"retry: 3000\n\n"))
        });
        hello.chain(futures_util::stream::unfold(self, |mut live| async move {
            live.next().await.map(|frame| (Ok(frame), live))
        }))
    }

    /// The next frame for this subscriber, or `None` when the stream should end.
    async fn next(&mut self) -> Option<Bytes> {
        loop {
            tokio::select! {
                received = self.receiver.recv() => match received {
                    Ok(event) if self.subscriber.receives(&event.audience) => {
                        return Some(event.frame.clone())
                    }
                    Ok(_) => {}
                    Err(RecvError::Lagged(_)) => return Some(sse_frame(RESYNC, "{}")),
                    Err(RecvError::Closed) => return None,
                },
                _ = self.heartbeat.tick() => return Some(Bytes::from_static(b": keep-alive\n\n")),
                reloaded = refreshed(&mut self.refresh) => match reloaded {
                    Some(subscriber) => self.subscriber = subscriber,
                    None => return None,
                },
                _ = tokio::time::sleep_until(self.ends_at) => return None,
            }
        }
    }
}

async fn refreshed(refresh: &mut Option<Refresh>) -> Option<Subscriber> {
    match refresh {
        Some(refresh) => refresh.next().await,
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::Audience;

    #[tokio::test]
    async fn a_subscriber_that_lags_is_told_to_resync_then_goes_on() {
        let (sender, receiver) = broadcast::channel(2);
        let mut live = Live {
            receiver,
            subscriber: Subscriber::admin_for_tests(),
            refresh: None,
            heartbeat: tokio::time::interval_at(Instant::now() + HEARTBEAT, HEARTBEAT),
            ends_at: Instant::now() + MAX_AGE,
        };
        for n in 0..5 {
            let event = Event::new("s", "pass.updated", Audience::School, &n).expect("test value");
            sender.send(Arc::new(event)).expect("test value");
        }
        let text = |frame: Option<Bytes>| {
            String::from_utf8(frame.expect("test value").to_vec()).expect("test value")
        };
        assert_eq!(text(live.next().await), "event: resync\ndata: {}\n\n");
        // The newest events are still delivered after the resync.
        assert_eq!(text(live.next().await), "event: pass.updated\ndata: 3\n\n");
    }
}
