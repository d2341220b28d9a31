//! Counts and sizes as the integration screens show them.

/// `12,345`.
pub fn count(n: i64) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) && digit.is_ascii_digit() {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// `12.3 MB`, in whole numbers: formatting a float would bring its code into the wasm.
pub fn megabytes(bytes: u64) -> String {
    let tenths = (bytes + 50_000) / 100_000;
    format!("{}.{} MB", count((tenths / 10) as i64), tenths % 10)
}
