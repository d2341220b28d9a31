use chrono::NaiveDateTime;
use diesel::prelude::*;
use hallpass_shared::rooms::{Room, TravelType};

use crate::db::schema::rooms;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, AsChangeset)]
#[diesel(table_name = rooms, treat_none_as_null = true)]
pub struct RoomRow {
    pub id: String,
    pub school_id: String,
    pub name: String,
    pub number: Option<String>,
    pub category: Option<String>,
    pub one_way: bool,
    pub round_trip: bool,
    pub default_minutes: i32,
    pub max_minutes: i32,
    pub capacity: Option<i32>,
    pub restricted_now: bool,
    pub restricted_future: bool,
    pub end_requires_code: bool,
    pub enabled: bool,
    pub code_secret: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl RoomRow {
    pub fn travel_types(&self) -> Vec<TravelType> {
        let mut types = Vec::new();
        if self.one_way {
            types.push(TravelType::OneWay);
        }
        if self.round_trip {
            types.push(TravelType::RoundTrip);
        }
        types
    }

    pub fn set_travel_types(&mut self, types: &[TravelType]) {
        self.one_way = types.contains(&TravelType::OneWay);
        self.round_trip = types.contains(&TravelType::RoundTrip);
    }

    pub fn view(&self, teacher_ids: Vec<String>) -> Room {
        Room {
            id: self.id.clone(),
            name: self.name.clone(),
            number: self.number.clone(),
            category: self.category.clone(),
            travel_types: self.travel_types(),
            default_minutes: self.default_minutes,
            max_minutes: self.max_minutes,
            capacity: self.capacity,
            restricted_now: self.restricted_now,
            restricted_future: self.restricted_future,
            end_requires_code: self.end_requires_code,
            teacher_ids,
            enabled: self.enabled,
        }
    }
}
