//! Generated portraits for the demo students: a head and shoulders on a studio backdrop, in
//! colours picked from the student's position, so that the hallway shows faces to tell apart.
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hallpass_shared::user::Role;
use image::{Rgb, RgbImage};

use crate::db::schema::{schools, users};
use crate::db::DbConn;
use crate::error::ApiError;
use crate::pictures::process::{HEIGHT, WIDTH};
use crate::pictures::store::{self, PictureRow};

const BACKDROPS: [[u8; 3]; 5] = [
    [96, 125, 139],
    [120, 144, 156],
    [84, 110, 122],
    [141, 110, 99],
    [92, 107, 192],
];
const SKIN: [[u8; 3]; 6] = [
    [255, 224, 189],
    [241, 194, 125],
    [224, 172, 105],
    [198, 134, 66],
    [141, 85, 36],
    [92, 56, 30],
];
const HAIR: [[u8; 3]; 5] = [
    [35, 25, 20],
    [90, 56, 37],
    [165, 107, 70],
    [220, 190, 120],
    [20, 20, 20],
];
const SHIRTS: [[u8; 3]; 6] = [
    [198, 40, 40],
    [46, 125, 50],
    [21, 101, 192],
    [251, 192, 45],
    [106, 27, 154],
    [255, 255, 255],
];

/// Gives every demo student a portrait and turns pictures on.
pub fn seed(conn: &mut DbConn, school_id: &str, at: NaiveDateTime) -> Result<(), ApiError> {
    let students: Vec<String> = users::table
        .filter(users::school_id.eq(school_id))
        .filter(users::role.eq(Role::Student))
        .order(users::last_name)
        .select(users::id)
        .load(conn)?;
    let rows: Vec<PictureRow> = students
        .into_iter()
        .enumerate()
        .map(|(n, id)| PictureRow::jpeg(id, school_id, portrait(n), at))
        .collect();
    for batch in rows.chunks(64) {
        store::save(conn, school_id, batch)?;
    }
    diesel::update(schools::table.find(school_id))
        .set(schools::profile_pictures_enabled.eq(true))
        .execute(conn)?;
    Ok(())
}

fn portrait(n: usize) -> Vec<u8> {
    let pick =
        |palette: &[[u8; 3]], salt: usize| Rgb(palette[(n * 7 + salt * 3 + n / 5) % palette.len()]);
    let (backdrop, skin, hair, shirt) = (
        pick(&BACKDROPS, 0),
        pick(&SKIN, 1),
        pick(&HAIR, 2),
        pick(&SHIRTS, 3),
    );
    let long_hair = n.is_multiple_of(3);
    let picture = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let (x, y) = (x as f32, y as f32);
        let head = ((x - 160.0) / 70.0).powi(2) + ((y - 170.0) / 88.0).powi(2);
        let hair_cap = ((x - 160.0) / 80.0).powi(2) + ((y - 150.0) / 90.0).powi(2);
        let shoulders = ((x - 160.0) / 150.0).powi(2) + ((y - 420.0) / 140.0).powi(2);
        let neck = (x - 160.0).abs() < 30.0 && (250.0..300.0).contains(&y);
        if head <= 1.0 && !(hair_cap <= 1.0 && y < 120.0) {
            skin
        } else if hair_cap <= 1.0 && (y < 170.0 || long_hair) {
            hair
        } else if neck {
            skin
        } else if shoulders <= 1.0 {
            shirt
        } else {
            // A soft vertical fall-off, as studio backdrops have.
            let shade = 1.0 - y / HEIGHT as f32 * 0.25;
            Rgb(backdrop.0.map(|c| (f32::from(c) * shade) as u8))
        }
    });
    let mut out = Vec::new();
    let encoded =
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&picture);
    if let Err(err) = encoded {
        tracing::warn!(error = %err, "could not draw a demo portrait");
    }
    out
}
