//! A student's past passes as a parent reads them: by day, with a summary of the last week.
use chrono::{DateTime, Duration, Utc};
use hallpass_shared::parents::ParentPass;

/// Whole minutes out of class, at least one for any pass that started and ended.
pub fn minutes_out(pass: &ParentPass) -> i64 {
    (pass.ended_at - pass.started_at).num_minutes().max(1)
}

/// Passes that ended in the 7 days before `now`, and their minutes out.
pub fn last_week(passes: &[ParentPass], now: DateTime<Utc>) -> (usize, i64) {
    let since = now - Duration::days(7);
    passes
        .iter()
        .filter(|pass| pass.ended_at > since)
        .fold((0, 0), |(count, minutes), pass| {
            (count + 1, minutes + minutes_out(pass))
        })
}

/// Consecutive passes that fall on the same day (as `day_of` names it) grouped under it, in
/// the order given (the latest first).
pub fn by_day(
    passes: &[ParentPass],
    day_of: impl Fn(DateTime<Utc>) -> String,
) -> Vec<(String, Vec<ParentPass>)> {
    let mut days: Vec<(String, Vec<ParentPass>)> = Vec::new();
    for pass in passes {
        let day = day_of(pass.started_at);
        match days.last_mut() {
            Some((last, group)) if *last == day => group.push(pass.clone()),
            _ => days.push((day, vec![pass.clone()])),
        }
    }
    days
}

/// "3 passes, 24 minutes out of class".
pub fn summary(count: usize, minutes: i64) -> String {
    let passes = if count == 1 { "pass" } else { "passes" };
    let mins = if minutes == 1 { "minute" } else { "minutes" };
    format!("{count} {passes}, {minutes} {mins} out of class")
}

#[cfg(test)]
mod tests {
    use hallpass_shared::rooms::TravelType;

    use super::*;

    fn pass(start: i64, minutes: i64) -> ParentPass {
        let started_at = DateTime::from_timestamp(start, 0).unwrap_or_default();
        ParentPass {
            id: start.to_string(),
            origin_room: "Room 101".into(),
            destination_room: "Library".into(),
            travel_type: TravelType::OneWay,
            duration_minutes: 5,
            started_at,
            ended_at: started_at + Duration::minutes(minutes),
        }
    }

    #[test]
    fn groups_and_sums() {
        let day = 86_400;
        let passes = [pass(10 * day + 100, 7), pass(10 * day, 3), pass(2 * day, 4)];
        let days = by_day(&passes, |at| at.date_naive().to_string());
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].1.len(), 2);
        let now = DateTime::from_timestamp(11 * day, 0).unwrap_or_default();
        assert_eq!(last_week(&passes, now), (2, 10));
        assert_eq!(summary(2, 10), "2 passes, 10 minutes out of class");
        assert_eq!(summary(1, 1), "1 pass, 1 minute out of class");
    }
}
