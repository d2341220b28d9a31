use clap::{Parser, Subcommand};
use hallpass_api::config::{DbArgs, ServeArgs};
use hallpass_api::db::Db;
use hallpass_api::schools::create::{create_school, NewSchool, DEFAULT_TIME_ZONE};
use tracing_subscriber::EnvFilter;

/// Hallpass: a self-hostable digital hall pass system.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server: the API and the web app.
    Serve(Box<ServeArgs>),
    /// Add a school and its first admin (for districts, and for tests).
    CreateSchool {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        name: String,
        #[arg(long)]
        admin_email: String,
        /// When omitted, a temporary password is generated and printed.
        #[arg(long)]
        admin_password: Option<String>,
        #[arg(long, default_value = DEFAULT_TIME_ZONE)]
        time_zone: String,
    },
    /// Print the OpenAPI document (YAML), as committed in `openapi.yaml`.
    Openapi,
    /// Keep sending students out and ending their passes through the API, so that the live
    /// hallway moves (a demo and a smoke test).
    Simulate(hallpass_api::simulate::SimulateArgs),
}

fn main() -> anyhow::Result<()> {
    dotenvy::dotenv().ok();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_target(false)
        .init();
    match Cli::parse().command {
        Command::Serve(args) => {
            actix_web::rt::System::new().block_on(hallpass_api::start::run(*args))
        }
        Command::CreateSchool {
            db,
            name,
            admin_email,
            admin_password,
            time_zone,
        } => {
            let database = Db::open(&db.url(), 2)?;
            let created = create_school(
                &database,
                &NewSchool {
                    name: &name,
                    time_zone: &time_zone,
                    admin_email: &admin_email,
                    admin_password: admin_password.as_deref(),
                },
            )?;
            println!(
                "Created school \"{}\" ({}) with admin {admin_email}.",
                created.school.name, created.school.id
            );
            if let Some(password) = created.temporary_password {
                println!("temporary password: {password}  (it must be changed at first sign-in)");
            }
            Ok(())
        }
        Command::Simulate(args) => {
            actix_web::rt::System::new().block_on(hallpass_api::simulate::run(args))
        }
        Command::Openapi => {
            print!("{}", hallpass_api::server::spec_yaml());
            Ok(())
        }
    }
}
