//! One picture: decoded within limits, turned upright, fitted to 320×400 and re-encoded as
//! JPEG, so that nothing of the original's metadata (GPS, camera serial) survives.
use std::io::Cursor;
use std::sync::{Condvar, Mutex, OnceLock};

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use hallpass_shared::pictures::RejectedReason;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, RgbImage};

/// The largest picture kept: the 4:5 shape of school portraits.
pub const WIDTH: u32 = 320;
pub const HEIGHT: u32 = 400;
const QUALITY: u8 = 85;

#[derive(Debug, Clone, Copy)]
pub struct ImageLimits {
    /// Bytes of one image file.
    pub max_bytes: u64,
    /// Width × height of one image, checked from its header before any pixel is decoded.
    pub max_pixels: u64,
}

/// Pictures decoded at once in this process, by every job and `PUT` together: one per core.
/// A picture near the pixel limit needs a few hundred MB while it is decoded, so this is what
/// bounds the memory of picture work, however many uploads arrive.
struct Permits {
    free: Mutex<usize>,
    freed: Condvar,
}

static PERMITS: OnceLock<Permits> = OnceLock::new();

fn permits() -> &'static Permits {
    PERMITS.get_or_init(|| Permits {
        free: Mutex::new(std::thread::available_parallelism().map_or(2, usize::from)),
        freed: Condvar::new(),
    })
}

/// Held while one picture is processed.
struct Permit(&'static Permits);

impl Permit {
    fn take() -> Self {
        let permits = permits();
        let mut free = permits.free.lock().unwrap_or_else(|e| e.into_inner());
        while *free == 0 {
            free = permits.freed.wait(free).unwrap_or_else(|e| e.into_inner());
        }
        *free -= 1;
        Permit(permits)
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        *self.0.free.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        self.0.freed.notify_one();
    }
}

/// A processed picture: JPEG bytes. Blocks while every core is processing one already.
pub fn process(bytes: &[u8], limits: &ImageLimits) -> Result<Vec<u8>, RejectedReason> {
    if bytes.len() as u64 > limits.max_bytes {
        return Err(RejectedReason::TooLarge);
    }
    let _permit = Permit::take();
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| RejectedReason::NotAnImage)?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    ) {
        return Err(RejectedReason::NotAnImage);
    }
    let mut decoder = reader
        .into_decoder()
        .map_err(|_| RejectedReason::NotAnImage)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(RejectedReason::TooManyPixels);
    }
    let mut decode_limits = image::Limits::default();
    // Four bytes a pixel (RGBA) and room for the decoder's own buffers.
    decode_limits.max_alloc = Some(limits.max_pixels * 4 + 64 * 1024 * 1024);
    decoder.set_limits(decode_limits).map_err(|e| reject(&e))?;
    let orientation = decoder.orientation().map_err(|e| reject(&e))?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|e| reject(&e))?;
    picture.apply_orientation(orientation);
    let fitted = fit(flatten(picture)).ok_or(RejectedReason::NotAnImage)?;
    let mut out = Vec::with_capacity(32 * 1024);
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(&fitted)
        .map_err(|_| RejectedReason::NotAnImage)?;
    Ok(out)
}

fn reject(err: &ImageError) -> RejectedReason {
    match err {
        ImageError::Limits(_) => RejectedReason::TooManyPixels,
        _ => RejectedReason::NotAnImage,
    }
}

/// RGB, with a transparent PNG's background white rather than black.
fn flatten(picture: DynamicImage) -> RgbImage {
    if !picture.color().has_alpha() {
        return picture.into_rgb8();
    }
    let rgba = picture.into_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over_white = |c: u8| {
            let (c, a) = (u16::from(c), u16::from(a));
            u8::try_from((c * a + 255 * (255 - a)) / 255).unwrap_or(255)
        };
        image::Rgb([over_white(r), over_white(g), over_white(b)])
    })
}

/// Scaled down (never up) to fit `WIDTH` × `HEIGHT`, keeping its shape.
fn fit(picture: RgbImage) -> Option<RgbImage> {
    let (width, height) = picture.dimensions();
    let scale = (f64::from(WIDTH) / f64::from(width)).min(f64::from(HEIGHT) / f64::from(height));
    if scale >= 1.0 {
        return Some(picture);
    }
    let to = |side: u32| ((f64::from(side) * scale).round() as u32).max(1);
    let (new_width, new_height) = (to(width), to(height));
    let source = Image::from_vec_u8(width, height, picture.into_raw(), PixelType::U8x3).ok()?;
    let mut target = Image::new(new_width, new_height, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new().resize(&source, &mut target, &options).ok()?;
    RgbImage::from_raw(new_width, new_height, target.into_vec())
}
