use chrono::NaiveDateTime;
use diesel::prelude::*;
use hallpass_shared::school::School;

use crate::db::schema::schools;
use crate::time::to_utc;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = schools)]
pub struct SchoolRow {
    pub id: String,
    pub name: String,
    pub time_zone: String,
    pub default_pass_minutes: i32,
    pub overtime_buffer_minutes: i32,
    pub hallway_capacity: Option<i32>,
    pub profile_pictures_enabled: bool,
    pub emergency_active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub pass_limit_per_day: Option<i32>,
    pub pass_limit_count_staff_created: bool,
}

impl SchoolRow {
    pub fn view(&self) -> School {
        School {
            id: self.id.clone(),
            name: self.name.clone(),
            time_zone: self.time_zone.clone(),
            default_pass_minutes: self.default_pass_minutes,
            overtime_buffer_minutes: self.overtime_buffer_minutes,
            hallway_capacity: self.hallway_capacity,
            profile_pictures_enabled: self.profile_pictures_enabled,
            emergency_active: self.emergency_active,
            created_at: to_utc(self.created_at),
            updated_at: to_utc(self.updated_at),
        }
    }
}
