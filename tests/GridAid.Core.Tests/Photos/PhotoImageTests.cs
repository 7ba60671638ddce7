using System.Text;
using GridAid.Core.Photos;
using GridAid.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace GridAid.Core.Tests.Photos;

/// <summary>A photo is re-encoded from its pixels alone: no EXIF, GPS or XMP left, turned the way it was taken, with a thumbnail.</summary>
public class PhotoImageTests
{
    [Fact]
    public void The_test_photo_carries_every_marker_the_clean_one_must_lose()
    {
        var original = TestPhotos.JpegWithGps();
        Assert.Equal(TestPhotos.MetadataMarkers.Where(m => m != "ICC_PROFILE"), TestPhotos.MarkersIn(original));
        var info = Image.Identify(original);
        Assert.NotNull(info.Metadata.ExifProfile?.GetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.GPSLatitude));
    }

    [Fact]
    public void Exif_gps_and_xmp_are_gone_from_the_photo_and_the_thumbnail()
    {
        var (photo, refusal) = PhotoImage.Clean(TestPhotos.JpegWithGps());
        Assert.Null(refusal);
        foreach (var bytes in new[] { photo!.Full, photo.Thumbnail })
        {
            Assert.Empty(TestPhotos.MarkersIn(bytes));
            var info = Image.Identify(bytes);
            Assert.Null(info.Metadata.ExifProfile);
            Assert.Null(info.Metadata.XmpProfile);
            Assert.Null(info.Metadata.IccProfile);
            Assert.Null(info.Metadata.IptcProfile);
        }
    }

    [Fact]
    public void The_exif_orientation_is_applied_before_it_is_dropped()
    {
        // Stored 800×600 with orientation 6 (turn 90° clockwise to view): the red corner, top-left as stored, ends top-right.
        var (photo, _) = PhotoImage.Clean(TestPhotos.JpegWithGps(800, 600, orientation: 6));
        using var image = Image.Load<Rgb24>(photo!.Full);
        Assert.Equal((600, 800), (image.Width, image.Height));
        Assert.True(image[image.Width - 10, 10].R > 200, "the red corner is top-right");
        Assert.True(image[10, 10].R < 100, "top-left is blue");
    }

    [Fact]
    public void A_large_photo_is_stored_within_1600_px_and_its_thumbnail_within_320()
    {
        var (photo, _) = PhotoImage.Clean(TestPhotos.JpegWithGps(3200, 2400));
        var full = Image.Identify(photo!.Full);
        var thumb = Image.Identify(photo.Thumbnail);
        Assert.Equal((PhotoRules.MaxSide, 1200), (full.Width, full.Height));
        Assert.Equal((PhotoRules.ThumbnailSide, 240), (thumb.Width, thumb.Height));
    }

    [Fact]
    public void A_png_is_taken_and_stored_as_jpeg()
    {
        using var png = new Image<Rgba32>(50, 40, new Rgba32(0, 0, 0, 0));
        using var stream = new MemoryStream();
        png.SaveAsPng(stream);
        var (photo, refusal) = PhotoImage.Clean(stream.ToArray());
        Assert.Null(refusal);
        Assert.Equal("JPEG", Image.DetectFormat(photo!.Full)?.Name);
        using var clean = Image.Load<Rgb24>(photo.Full);
        Assert.True(clean[25, 20].R > 240, "transparent pixels become white, not black");
    }

    [Theory]
    [InlineData("not a photo, only text named photo.jpg")]
    [InlineData("GIF89a\u0001\u0000\u0001\u0000\u0080\u0000\u0000")]
    [InlineData("")]
    public void Anything_that_does_not_decode_as_jpeg_png_or_webp_is_refused(string content)
    {
        var (photo, refusal) = PhotoImage.Clean(Encoding.ASCII.GetBytes(content));
        Assert.Null(photo);
        Assert.Equal(PhotoRefusal.NotAnImage, refusal);
    }

    [Fact]
    public void A_gif_that_decodes_elsewhere_is_still_refused()
    {
        using var gif = new Image<Rgba32>(8, 8);
        using var stream = new MemoryStream();
        gif.SaveAsGif(stream);
        Assert.Equal(PhotoRefusal.NotAnImage, PhotoImage.Clean(stream.ToArray()).Refusal);
    }

    [Fact]
    public void A_jpeg_cut_off_before_its_frame_is_refused()
    {
        // (A JPEG cut off inside its pixel data decodes, grey below the cut: ImageSharp is lenient there, as browsers are.)
        var jpeg = TestPhotos.JpegWithGps();
        Assert.Equal(PhotoRefusal.NotAnImage, PhotoImage.Clean(jpeg[..20]).Refusal);
    }

    [Fact]
    public void A_header_claiming_more_pixels_than_allowed_is_refused_before_decoding()
    {
        // 30000 × 30000 = 900 megapixels declared by a file of a few hundred bytes.
        Assert.Equal(PhotoRefusal.TooManyPixels, PhotoImage.Clean(TestPhotos.JpegClaiming(30000, 30000)).Refusal);
    }
}

public class PhotoCheckTests
{
    [Fact]
    public void A_fourth_photo_refuses_them_all_unread()
    {
        var (photos, errors) = PhotoCheck.Clean([10, 10, 10, 10], _ => throw new InvalidOperationException("must not be read"));
        Assert.Empty(photos);
        Assert.Equal(["too_many"], errors.Codes()[PhotoCheck.Field]);
    }

    [Fact]
    public void A_photo_past_8_mb_is_refused_unread()
    {
        var (_, errors) = PhotoCheck.Clean([10, PhotoRules.MaxBytes + 1], _ => throw new InvalidOperationException("must not be read"));
        Assert.Equal(["too_large"], errors.Codes()[PhotoCheck.Field]);
        Assert.Contains("8 MB", errors.ToDictionary("en")[PhotoCheck.Field][0], StringComparison.Ordinal);
        Assert.Contains("8 MB", errors.ToDictionary("zh-CN")[PhotoCheck.Field][0], StringComparison.Ordinal);
    }

    [Fact]
    public void One_bad_file_among_good_ones_refuses_the_lot()
    {
        var files = new[] { TestPhotos.JpegWithGps(), Encoding.ASCII.GetBytes("text") };
        var (photos, errors) = PhotoCheck.Clean([.. files.Select(f => (long)f.Length)], i => files[i]);
        Assert.Empty(photos);
        Assert.Equal(["not_an_image"], errors.Codes()[PhotoCheck.Field]);
    }

    [Fact]
    public void Three_good_photos_come_back_clean_in_order()
    {
        var files = new[] { TestPhotos.JpegWithGps(100, 50), TestPhotos.JpegWithGps(60, 120), TestPhotos.JpegWithGps(90, 90) };
        var (photos, errors) = PhotoCheck.Clean([.. files.Select(f => (long)f.Length)], i => files[i]);
        Assert.True(errors.IsValid);
        Assert.Equal([100, 60, 90], photos.Select(p => Image.Identify(p.Full).Width));
    }

    [Fact]
    public void Blob_names_are_fixed_per_report_and_number_and_links_count_from_one()
    {
        Assert.Equal("taishan/K7QM-3XRT/2.jpg", PhotoRules.BlobName("taishan", "K7QM-3XRT", 2, thumbnail: false));
        Assert.Equal("taishan/K7QM-3XRT/2.thumb.jpg", PhotoRules.BlobName("taishan", "K7QM-3XRT", 2, thumbnail: true));
        Assert.StartsWith(PhotoRules.Prefix("taishan", "K7QM-3XRT"), PhotoRules.BlobName("taishan", "K7QM-3XRT", 3, thumbnail: true), StringComparison.Ordinal);
        var links = PhotoRules.ForStation("ts-desk", "K7QM-3XRT", 2);
        Assert.Equal(["/api/stations/ts-desk/alerts/K7QM-3XRT/photos/1", "/api/stations/ts-desk/alerts/K7QM-3XRT/photos/2"], links.Select(l => l.Url));
        Assert.Equal("/api/stations/ts-desk/alerts/K7QM-3XRT/photos/2/thumb", links[1].ThumbnailUrl);
        Assert.Equal(2, PhotoRules.Number("2", 2));
        Assert.Null(PhotoRules.Number("3", 2));
        Assert.Null(PhotoRules.Number("0", 2));
        Assert.Null(PhotoRules.Number("-1", 3));
        Assert.Null(PhotoRules.Number("1", 0));
    }
}
