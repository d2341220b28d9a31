//! Assembles the actix app: the API under `/api/v1`, the SPA at `/`.
use std::net::TcpListener;
use std::path::PathBuf;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};
use utoipa::OpenApi as _;
use utoipa_actix_web::scope::scope;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::AppExt as _;

use crate::openapi::ApiDoc;
use crate::state::AppState;
use crate::{
    auth, encounters, hallway, health, input, me, parents, passes, pictures, request_log, rooms,
    rosters, schools, security_headers, spa, users,
};

/// Every API route. The OpenAPI paths come from these registrations.
fn api(cfg: &mut ServiceConfig) {
    cfg.service(health::health)
        .service(auth::routes::login::login)
        .service(auth::routes::refresh::refresh)
        .service(auth::routes::logout::logout)
        .service(parents::signup::parent_signup)
        .service(me::get_me::get_me)
        .service(me::change_password::change_password)
        .service(schools::get_school::get_school)
        .service(schools::patch_school::patch_school)
        .service(users::list_users::list_users)
        .service(users::create_user::create_user)
        .service(users::bulk_update::bulk_update)
        .service(users::delete_users::bulk_delete)
        .service(users::password_sheets::password_sheets)
        .service(parents::regenerate::regenerate_many)
        .service(parents::export::invite_codes_csv)
        .service(parents::export::invite_codes_xlsx)
        .service(users::get_user::get_user)
        .service(users::update_user::update_user)
        .service(users::delete_users::delete_user)
        .service(users::reset_password::reset_password)
        .service(parents::regenerate::regenerate_one)
        .service(parents::admin_links::parent_links)
        .service(parents::admin_links::remove_parent_link)
        .service(me::set_pin::set_pin)
        .service(me::preferences::patch_preferences)
        .service(rosters::routes::create_import::create_import)
        .service(rosters::routes::read_imports::list_imports)
        .service(rosters::routes::read_imports::get_import)
        .service(rosters::routes::read_imports::list_changes)
        .service(rosters::routes::apply_import::apply_import)
        .service(rosters::routes::apply_import::cancel_import)
        .service(rosters::routes::oneroster_connection::get_connection)
        .service(rosters::routes::oneroster_connection::put_connection)
        .service(rosters::routes::oneroster_connection::delete_connection)
        .service(rosters::routes::oneroster_sync::test_connection)
        .service(rosters::routes::oneroster_sync::sync_now)
        .service(pictures::routes::upload_pictures::upload_pictures)
        .service(pictures::routes::read_uploads::list_uploads)
        .service(pictures::routes::read_uploads::get_upload)
        .service(pictures::routes::school_pictures::delete_all_pictures)
        .service(pictures::routes::school_pictures::mapping_template)
        .service(pictures::routes::student_picture::get_picture)
        .service(pictures::routes::student_picture::put_picture)
        .service(pictures::routes::student_picture::delete_picture)
        .service(rooms::list_rooms::list_rooms)
        .service(rooms::create_room::create_room)
        .service(rooms::update_room::update_room)
        .service(rooms::delete_room::delete_room)
        .service(rooms::get_room_code::room_code)
        .service(schools::emergency::emergency)
        .service(passes::routes::list_passes::list_passes)
        .service(passes::routes::create_pass::create_pass)
        .service(passes::routes::list_passes::get_pass)
        .service(passes::routes::approve_pass::approve)
        .service(passes::routes::deny_pass::deny)
        .service(passes::routes::start_pass::start_pass)
        .service(passes::routes::end_pass::end_pass)
        .service(passes::routes::cancel_pass::cancel_pass)
        .service(passes::routes::pass_limits::get_pass_limits)
        .service(passes::routes::pass_limits::put_pass_limits)
        .service(passes::routes::pass_limits::put_student_limit)
        .service(passes::routes::pass_limits::remaining)
        .service(encounters::prevented_log::prevented_log)
        .service(encounters::manage_groups::list_groups)
        .service(encounters::manage_groups::create_group)
        .service(encounters::manage_groups::update_group)
        .service(encounters::manage_groups::delete_group)
        .service(hallway::snapshot::hallway)
        .service(hallway::tickets::new_ticket)
        .service(hallway::events::events)
        .service(parents::students::link_student)
        .service(parents::students::list_students)
        .service(parents::students::unlink_student)
        .service(parents::passes::student_passes);
}

/// The API routes mounted on `app`; used by the server and by [`spec`].
pub fn routes<T>(app: utoipa_actix_web::UtoipaApp<T>) -> utoipa_actix_web::UtoipaApp<T>
where
    T: actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Error = actix_web::Error,
        InitError = (),
    >,
{
    app.openapi(ApiDoc::openapi())
        .service(scope(hallpass_shared::API_BASE).configure(api))
}

/// The whole spec, as served and as committed: the routes' operations and the common answers.
pub fn spec() -> utoipa::openapi::OpenApi {
    let (_, mut api) = routes(App::new().into_utoipa_app()).split_for_parts();
    crate::openapi::add_common_answers(&mut api);
    api
}

/// The spec as `openapi.yaml` holds it.
pub fn spec_yaml() -> String {
    spec()
        .to_yaml()
        .expect("the OpenAPI document serialises to YAML")
}

pub struct ServerOptions {
    pub web_dir: PathBuf,
    pub workers: Option<usize>,
}

/// The server, bound and ready: await it (or spawn it) to run.
pub fn serve(
    listener: TcpListener,
    state: AppState,
    options: ServerOptions,
) -> std::io::Result<Server> {
    let state = web::Data::new(state);
    let spec_json = web::Data::new(spec().to_pretty_json().unwrap_or_default());
    let web_dir = options.web_dir;
    let index = spa::SpaIndex::find(&web_dir);
    let security = web::Data::new(security_headers::SecurityHeaders::new(
        index.inline_scripts(),
    ));
    let index = web::Data::new(index);
    let mut server = HttpServer::new(move || {
        let (app, _) = routes(
            App::new()
                .app_data(state.clone())
                .app_data(input::json_config())
                .app_data(input::query_config())
                .app_data(input::path_config())
                .app_data(security.clone())
                .wrap(from_fn(security_headers::add_security_headers))
                .wrap(from_fn(auth::extract::load_caller))
                .wrap(from_fn(request_log::log_request))
                .app_data(spec_json.clone())
                .route("/api/v1/openapi.json", web::get().to(spa::openapi_json))
                .into_utoipa_app(),
        )
        .split_for_parts();
        app.app_data(index.clone())
            .configure(|cfg| spa::configure(cfg, &web_dir, &index))
            .default_service(web::to(spa::fallback))
    })
    .listen(listener)?;
    if let Some(workers) = options.workers {
        server = server.workers(workers);
    }
    Ok(server.run())
}
