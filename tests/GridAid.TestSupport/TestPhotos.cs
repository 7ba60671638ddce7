using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;
using SixLabors.ImageSharp.PixelFormats;

namespace GridAid.TestSupport;

/// <summary>
/// Photos made for tests, as a phone would send them: a JPEG carrying EXIF (camera, GPS position, orientation) and XMP,
/// and the byte markers by which any of it would show in a file. Shared by the domain and the integration tests.
/// </summary>
public static class TestPhotos
{
    /// <summary>The camera name written into the EXIF block: found in a file only when the block survived.</summary>
    public const string CameraMake = "GridAidTestCam";

    /// <summary>An XMP value: found in a file only when the XMP packet survived.</summary>
    public const string XmpCreator = "GridAidXmpCreator";

    /// <summary>What marks each metadata block in a JPEG: the EXIF APP1 header, the XMP namespace, an ICC profile, and the values above.</summary>
    public static readonly IReadOnlyList<string> MetadataMarkers = ["Exif\0\0", "http://ns.adobe.com/xap", "ICC_PROFILE", CameraMake, XmpCreator];

    /// <summary>
    /// A <paramref name="width"/>×<paramref name="height"/> JPEG with EXIF GPS (Taishan's summit), a camera make, the
    /// given EXIF orientation (6: the camera was turned, show it rotated 90° clockwise) and an XMP packet.
    /// </summary>
    public static byte[] JpegWithGps(int width = 800, int height = 600, ushort orientation = 1)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(40, 120, 200));
        // A marker in the top-left corner, so a test can tell which way the pixels stand.
        for (var y = 0; y < height / 4; y++)
        {
            for (var x = 0; x < width / 4; x++)
            {
                image[x, y] = new Rgb24(250, 20, 20);
            }
        }

        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, CameraMake);
        exif.SetValue(ExifTag.Orientation, orientation);
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(36, 1), new Rational(15, 1), new Rational(20, 1)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(117, 1), new Rational(6, 1), new Rational(10, 1)]);
        image.Metadata.ExifProfile = exif;
        image.Metadata.XmpProfile = new XmpProfile(Encoding.UTF8.GetBytes(
            "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
            $"<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:CreatorTool=\"{XmpCreator}\"/></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"));
        using var output = new MemoryStream();
        image.Save(output, new JpegEncoder { Quality = 90 });
        return output.ToArray();
    }

    /// <summary>A valid JPEG whose frame header (SOF) claims <paramref name="width"/>×<paramref name="height"/>: a decompression bomb's header.</summary>
    public static byte[] JpegClaiming(ushort width, ushort height)
    {
        var jpeg = JpegWithGps(16, 16);
        for (var i = 0; i + 8 < jpeg.Length; i++)
        {
            // SOF0 or SOF2: FF C0/C2, length (2), precision (1), height (2), width (2).
            if (jpeg[i] == 0xFF && (jpeg[i + 1] == 0xC0 || jpeg[i + 1] == 0xC2))
            {
                jpeg[i + 5] = (byte)(height >> 8);
                jpeg[i + 6] = (byte)height;
                jpeg[i + 7] = (byte)(width >> 8);
                jpeg[i + 8] = (byte)width;
                return jpeg;
            }
        }

        throw new InvalidOperationException("No frame header in the JPEG.");
    }

    /// <summary>The markers of <see cref="MetadataMarkers"/> found in <paramref name="file"/>.</summary>
    public static IReadOnlyList<string> MarkersIn(byte[] file) =>
        [.. MetadataMarkers.Where(m => file.AsSpan().IndexOf(Encoding.ASCII.GetBytes(m)) >= 0)];
}
