//! Several instances on one PostgreSQL database share events through `NOTIFY`/`LISTEN` on one
//! channel. Each instance keeps one connection for both; if it drops, the instance reconnects
//! and tells its subscribers to resync, since events may have been missed meanwhile.
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use tokio::sync::mpsc;
use tokio_postgres::{AsyncMessage, NoTls};

use super::Bus;
use crate::db::{Backend, Db};

const CHANNEL: &str = "hallpass_events";

pub fn spawn(bus: Arc<Bus>, url: String) -> tokio::task::JoinHandle<()> {
    let (outbound, mut to_send) = mpsc::unbounded_channel();
    bus.bridge(outbound);
    tokio::spawn(async move {
        let mut connected_before = false;
        loop {
            if let Err(err) = relay(&bus, &url, &mut to_send, &mut connected_before).await {
                tracing::warn!(error = %err, "event bridge to PostgreSQL lost; reconnecting");
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
}

async fn relay(
    bus: &Bus,
    url: &str,
    to_send: &mut mpsc::UnboundedReceiver<String>,
    connected_before: &mut bool,
) -> anyhow::Result<()> {
    let (client, mut connection) = tokio_postgres::connect(url, NoTls).await?;
    let (received, mut notifications) = mpsc::unbounded_channel();
    let reader = tokio::spawn(async move {
        let mut messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
        while let Some(message) = messages.next().await {
            match message {
                Ok(AsyncMessage::Notification(note)) => {
                    let _ = received.send(note.payload().to_owned());
                }
                Ok(_) => {}
                Err(err) => return Err(err),
            }
        }
        Ok(())
    });
    client.batch_execute(&format!("LISTEN {CHANNEL}")).await?;
    if *connected_before {
        bus.resync_everyone();
    }
    *connected_before = true;
    loop {
        tokio::select! {
            payload = to_send.recv() => {
                let Some(payload) = payload else { break };
                client
                    .execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &payload])
                    .await?;
            }
            payload = notifications.recv() => {
                let Some(payload) = payload else { break };
                bus.receive_remote(&payload);
            }
        }
    }
    reader.abort();
    anyhow::bail!("the LISTEN connection closed")
}

/// Bridges `bus` to the other instances when `db` is PostgreSQL; SQLite has one instance.
pub fn bridge_if_postgres(
    bus: &Arc<Bus>,
    db: &Db,
    url: &str,
) -> Option<tokio::task::JoinHandle<()>> {
    (db.backend() == Backend::Postgres).then(|| spawn(bus.clone(), url.to_owned()))
}
