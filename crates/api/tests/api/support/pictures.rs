//! Uploads the way photographers' exports look: folders, upper-case extensions, macOS and
//! Windows junk, EXIF, and the hostile entries a careless export (or an attacker) brings.
use std::io::{Cursor, Write};

use image::{ImageEncoder, Rgb, RgbImage};
use zip::write::SimpleFileOptions;

/// A portrait-like JPEG: a gradient, so that it compresses like a photo rather than to nothing.
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let picture = RgbImage::from_fn(width, height, |x, y| {
        Rgb([
            (x * 255 / width) as u8,
            (y * 255 / height) as u8,
            ((x ^ y) & 0xff) as u8,
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&picture)
        .expect("encode a JPEG");
    out
}

pub fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = RgbImage::from_fn(width, height, |x, y| Rgb([x as u8, y as u8, 128]));
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            picture.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode a PNG");
    out
}

/// A JPEG stored sideways (`width` × `height` pixels) with EXIF orientation 6 (turn 90° to
/// show it), a GPS position and a camera serial number.
pub fn sideways_jpeg_with_gps(width: u32, height: u32) -> Vec<u8> {
    let plain = jpeg(width, height);
    let exif = exif_orientation_6_with_gps();
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&u16::try_from(exif.len() + 2).expect("short").to_be_bytes());
    app1.extend_from_slice(&exif);
    // After SOI (FF D8).
    [&plain[..2], &app1[..], &plain[2..]].concat()
}

/// `Exif\0\0` and a little-endian TIFF: IFD0 {Orientation = 6, BodySerialNumber, GPS IFD
/// pointer}, GPS IFD {GPSLatitudeRef = "N"}.
fn exif_orientation_6_with_gps() -> Vec<u8> {
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    let entry = |tag: u16, kind: u16, count: u32, value: u32| {
        let mut bytes = tag.to_le_bytes().to_vec();
        bytes.extend_from_slice(&kind.to_le_bytes());
        bytes.extend_from_slice(&count.to_le_bytes());
        bytes.extend_from_slice(&value.to_le_bytes());
        bytes
    };
    // IFD0 at 8: 3 entries (2 + 3 * 12 + 4 = 42 bytes), then the GPS IFD at 50, then the serial.
    let gps_at = 8 + 42;
    let serial_at = gps_at + 18;
    tiff.extend_from_slice(&3u16.to_le_bytes());
    tiff.extend(entry(0x0112, 3, 1, 6));
    tiff.extend(entry(0x8825, 4, 1, gps_at));
    tiff.extend(entry(0xA431, 2, 16, serial_at));
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend(entry(0x0001, 2, 2, u32::from(b'N')));
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(b"SERIAL-123456789\0");
    [b"Exif\0\0".as_slice(), &tiff].concat()
}

/// A 1×1-pixel-sized PNG whose header claims `width` × `height`: a pixel flood.
pub fn pixel_flood_png(width: u32, height: u32) -> Vec<u8> {
    let mut real = png(1, 1);
    // IHDR's data starts at 16: width, height (big-endian); its CRC follows the 13 bytes.
    real[16..20].copy_from_slice(&width.to_be_bytes());
    real[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32fast::hash(&real[12..29]);
    real[29..33].copy_from_slice(&crc.to_be_bytes());
    real
}

/// A zip of `entries` (path, bytes), deflated as vendors do.
pub fn zip(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    zip_with_bomb(entries, "", 0)
}

/// [`zip`], then (unless `mib` is 0) an entry of `mib` MiB of zeros, written without holding
/// it: a zip bomb.
pub fn zip_with_bomb(entries: &[(&str, Vec<u8>)], bomb_path: &str, mib: usize) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (path, bytes) in entries {
        writer.start_file(*path, options).expect("start an entry");
        writer.write_all(bytes).expect("write an entry");
    }
    if mib > 0 {
        writer
            .start_file(bomb_path, options)
            .expect("start the bomb");
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..mib {
            writer.write_all(&zeros).expect("write zeros");
        }
    }
    writer.finish().expect("finish the zip").into_inner()
}

/// The dimensions of a served picture, and whether it carries any metadata.
pub fn inspect(jpeg: &[u8]) -> ((u32, u32), bool) {
    let decoded = image::load_from_memory(jpeg).expect("a picture");
    let has_metadata = jpeg.windows(4).any(|w| w == b"Exif")
        || jpeg.windows(6).any(|w| w == b"SERIAL")
        || jpeg.windows(4).any(|w| w == [0xFF, 0xE1, 0, 0]);
    ((decoded.width(), decoded.height()), has_metadata)
}
