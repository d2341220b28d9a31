//! File names in vendors' uploads: what is junk, what is a picture, how names compare.

const IMAGE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp"];
const ARCHIVE_EXTENSIONS: &[&str] = &["zip", "7z", "rar", "tar", "gz", "tgz"];

/// What operating systems and cameras leave beside the pictures: `__MACOSX/`, `._*`,
/// `.DS_Store`, `Thumbs.db`, `desktop.ini`.
pub fn is_junk(path: &str) -> bool {
    let base = base_name(path);
    path.split(['/', '\\']).any(|part| part == "__MACOSX")
        || base.starts_with("._")
        || base.eq_ignore_ascii_case(".DS_Store")
        || base.eq_ignore_ascii_case("Thumbs.db")
        || base.eq_ignore_ascii_case("desktop.ini")
}

pub fn is_image_name(path: &str) -> bool {
    has_extension(path, IMAGE_EXTENSIONS)
}

pub fn is_archive_name(path: &str) -> bool {
    has_extension(path, ARCHIVE_EXTENSIONS)
}

/// A mapping file inside the archive, as Lifetouch ships `idlink.txt` beside its pictures.
pub fn is_mapping_name(path: &str) -> bool {
    let base = base_name(path).to_ascii_lowercase();
    base == "idlink.txt" || has_extension(path, &["csv"])
}

fn has_extension(path: &str, extensions: &[&str]) -> bool {
    extension(path).is_some_and(|ext| extensions.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

fn extension(path: &str) -> Option<&str> {
    let base = base_name(path);
    base.rsplit_once('.').map(|(_, ext)| ext)
}

/// The name without its folders (`/` or `\`).
pub fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The base name without its extension.
pub fn stem(path: &str) -> &str {
    let base = base_name(path);
    match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    }
}

/// How a file is looked up: its base name, without regard to case.
pub fn file_key(path: &str) -> String {
    base_name(path).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_pictures_and_keys() {
        assert!(is_junk("__MACOSX/photos/._00002.jpg"));
        assert!(is_junk("photos/.DS_Store"));
        assert!(is_junk("THUMBS.DB"));
        assert!(!is_junk("photos/00002.jpg"));
        assert!(is_image_name("a/B.JPG") && is_image_name("c.webp") && !is_image_name("d.gif"));
        assert_eq!(file_key("Grade 9\\Photos\\00002.JPG"), "00002.jpg");
        assert_eq!(stem("a/ada@school.test.jpg"), "ada@school.test");
        assert!(is_mapping_name("Export/IDLINK.TXT") && is_mapping_name("map.csv"));
    }
}
