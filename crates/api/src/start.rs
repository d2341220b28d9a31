//! `hallpass serve`: open the database, bootstrap, seed the demo, listen.
use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use hallpass_shared::jobs::JobKind;

use crate::config::ServeArgs;
use crate::db::Db;
use crate::pictures::upload_job::PictureUploads;
use crate::rosters::import_job::RosterImports;
use crate::schools::create::{create_school, NewSchool};
use crate::server::{serve, ServerOptions};
use crate::state::AppState;
use crate::{demo, events, hallway, housekeeping, jobs, passes, rosters, schools, simulate};

pub fn state(args: &ServeArgs) -> anyhow::Result<AppState> {
    let db = Db::open(&args.db.url(), args.db.pool_size).context("opening the database")?;
    let coded = db.write_blocking(crate::parents::codes::backfill)?;
    if coded > 0 {
        tracing::info!(
            students = coded,
            "invite codes given to students without one"
        );
    }
    let secret = args.jwt_secret()?;
    let mut state = AppState::new(db, &secret, args.throttle_limits(), args.proxy()?);
    state.jobs = Arc::new(jobs::JobQueue::new(Duration::from_secs(
        args.job_lease_seconds.max(1),
    )));
    state.pictures = args.picture_settings();
    state.rosters = args.roster_settings();
    Ok(state)
}

/// What every instance runs beside its HTTP server; stopped when dropped.
pub struct Background(Vec<tokio::task::JoinHandle<()>>);

impl Background {
    /// The expiry sweep (every `sweep_every`), the event streams' rights watch, housekeeping
    /// and, on PostgreSQL, the event bridge between instances.
    pub fn start(state: &AppState, database_url: &str, sweep_every: Duration) -> Self {
        let mut tasks = vec![
            passes::expiry::spawn(
                state.db.clone(),
                state.clock.clone(),
                state.events.clone(),
                sweep_every,
            ),
            hallway::rights::spawn(state.db.clone(), state.stream_rights.clone()),
            housekeeping::spawn(state.db.clone(), state.throttles.clone()),
            jobs::runner::Runner {
                db: state.db.clone(),
                events: state.events.clone(),
                clock: state.clock.clone(),
                queue: state.jobs.clone(),
                work: HashMap::from([
                    (
                        JobKind::ProfilePictures,
                        Arc::new(PictureUploads {
                            limits: state.pictures.job,
                            scratch: std::env::temp_dir().join("hallpass-jobs"),
                        }) as Arc<dyn jobs::Work>,
                    ),
                    (
                        JobKind::RosterImport,
                        Arc::new(RosterImports {
                            limits: state.rosters.input,
                            scratch: state.rosters.scratch.clone(),
                            hold_percent: state.rosters.hold_percent,
                            pull: state.rosters.pull.clone(),
                        }) as Arc<dyn jobs::Work>,
                    ),
                ]),
            }
            .spawn(),
            rosters::sync::spawn(
                state.db.clone(),
                state.clock.clone(),
                state.jobs.clone(),
                state.rosters.look_every,
            ),
        ];
        tasks.extend(events::postgres::bridge_if_postgres(
            &state.events,
            &state.db,
            database_url,
        ));
        Self(tasks)
    }
}

impl Drop for Background {
    /// Before the database goes: a task blocked on a dropped database would hold the runtime
    /// (which waits for blocking work) until the pool's time-out.
    fn drop(&mut self) {
        self.0.iter().for_each(tokio::task::JoinHandle::abort);
    }
}

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let state = state(&args)?;
    bootstrap(&state.db, &args)?;
    let demo_sign_ins = if args.demo {
        Some(demo::seed(&state.db)?)
    } else {
        None
    };
    let listener =
        TcpListener::bind(&args.bind).with_context(|| format!("binding {}", args.bind))?;
    let address = listener.local_addr()?;
    let _background = Background::start(&state, &args.db.url(), Duration::from_secs(5));

    println!(
        "\nHallpass is running at http://{address}/  (database: {})",
        state.db.backend().as_str()
    );
    if let Some(sign_ins) = demo_sign_ins {
        println!("{sign_ins}");
        if args.simulate {
            let simulation = simulate::SimulateArgs {
                url: format!("http://{address}"),
                email: sign_ins.admin.clone(),
                password: demo::PASSWORD.to_owned(),
                out: 12,
                every: 2.0,
            };
            actix_web::rt::spawn(async move {
                if let Err(err) = simulate::run(simulation).await {
                    tracing::warn!(error = %err, "the demo simulation stopped");
                }
            });
        }
    }
    let options = ServerOptions {
        web_dir: args.web_dir.clone(),
        workers: args.workers,
    };
    serve(listener, state, options)?
        .await
        .context("running the HTTP server")
}

/// On an empty database, creates the configured school and its admin.
fn bootstrap(db: &Db, args: &ServeArgs) -> anyhow::Result<()> {
    if db.run_blocking(schools::queries::count)? > 0 {
        return Ok(());
    }
    let (Some(name), Some(email)) = (&args.bootstrap_school_name, &args.bootstrap_admin_email)
    else {
        if !args.demo {
            println!(
                "The database has no school yet. Set HALLPASS_BOOTSTRAP_SCHOOL_NAME and \
                 HALLPASS_BOOTSTRAP_ADMIN_EMAIL, run `hallpass create-school`, or start with --demo."
            );
        }
        return Ok(());
    };
    let created = create_school(
        db,
        &NewSchool {
            name,
            time_zone: &args.bootstrap_time_zone,
            admin_email: email,
            admin_password: args.bootstrap_admin_password.as_deref(),
        },
    )?;
    match created.temporary_password {
        Some(password) => println!(
            "Created school \"{}\" with admin {email}, temporary password: {password}  \
             (shown once; it must be changed at first sign-in)",
            created.school.name
        ),
        None => println!(
            "Created school \"{}\" with admin {email}.",
            created.school.name
        ),
    }
    Ok(())
}
