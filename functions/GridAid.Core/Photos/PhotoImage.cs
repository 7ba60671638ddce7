using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace GridAid.Core.Photos;

/// <summary>A photo as stored: JPEG bytes without metadata, and its thumbnail.</summary>
public sealed record CleanPhoto(byte[] Full, byte[] Thumbnail);

/// <summary>Why a file was not taken as a photo.</summary>
public enum PhotoRefusal
{
    /// <summary>Not a JPEG, PNG or WebP that decodes (a text file named .jpg, a truncated image, another format).</summary>
    NotAnImage,

    /// <summary>Its header declares more than <see cref="PhotoRules.MaxPixels"/>.</summary>
    TooManyPixels,
}

/// <summary>
/// Decodes a photo and encodes it again, with nothing of the original but its pixels: EXIF (GPS position, camera,
/// time), XMP, IPTC, the ICC profile and comments are not copied, because the pixels go into a new image that never had
/// metadata. The EXIF orientation is applied first, so the photo stands as it was taken. Uses SixLabors.ImageSharp 2.x
/// (Apache-2.0), with only its JPEG, PNG and WebP decoders.
/// </summary>
public static class PhotoImage
{
    /// <summary>JPEG quality of the stored photo and its thumbnail.</summary>
    public const int Quality = 82;

    // Only the three accepted formats: a GIF, BMP, TIFF or anything else is "not an image" here, and their decoders never run.
    private static readonly Configuration Formats = new(new JpegConfigurationModule(), new PngConfigurationModule(), new WebpConfigurationModule());

    private static readonly JpegEncoder Encoder = new() { Quality = Quality };

    /// <summary>The clean photo and thumbnail, or why not.</summary>
    public static (CleanPhoto? Photo, PhotoRefusal? Refusal) Clean(byte[] file)
    {
        try
        {
            // The header first: dimensions without decoding a pixel.
            var info = Image.Identify(Formats, file, out _);
            if (info is null || info.Width <= 0 || info.Height <= 0)
            {
                return (null, PhotoRefusal.NotAnImage);
            }

            if ((long)info.Width * info.Height > PhotoRules.MaxPixels)
            {
                return (null, PhotoRefusal.TooManyPixels);
            }

            using var decoded = Image.Load<Rgba32>(Formats, file);
            decoded.Mutate(x => x.AutoOrient().BackgroundColor(Color.White));
            FitWithin(decoded, PhotoRules.MaxSide);
            using var full = PixelsOnly(decoded);
            var fullBytes = Encode(full);
            full.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(PhotoRules.ThumbnailSide, PhotoRules.ThumbnailSide), Mode = ResizeMode.Max }));
            return (new CleanPhoto(fullBytes, Encode(full)), null);
        }
        catch (Exception e) when (e is ImageFormatException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            // UnknownImageFormatException and InvalidImageContentException are ImageFormatExceptions.
            return (null, PhotoRefusal.NotAnImage);
        }
    }

    private static void FitWithin(Image image, int side)
    {
        if (image.Width > side || image.Height > side)
        {
            image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(side, side), Mode = ResizeMode.Max }));
        }
    }

    /// <summary>A new image holding only the pixels: no profile or comment of the decoded one can come along.</summary>
    private static Image<Rgb24> PixelsOnly(Image<Rgba32> source)
    {
        var pixels = new Rgb24[source.Width * source.Height];
        using (var rgb = source.CloneAs<Rgb24>())
        {
            rgb.CopyPixelDataTo(pixels);
        }

        return Image.LoadPixelData<Rgb24>(pixels, source.Width, source.Height);
    }

    private static byte[] Encode(Image image)
    {
        using var output = new MemoryStream();
        image.Save(output, Encoder);
        return output.ToArray();
    }
}
