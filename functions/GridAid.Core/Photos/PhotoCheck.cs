using GridAid.Core.Reports;
using GridAid.Core.Text;

namespace GridAid.Core.Photos;

/// <summary>
/// The photos of one submission, checked in the order that costs least: their number, then each file's size (unread),
/// then each one decoded and re-encoded (<see cref="PhotoImage.Clean"/>). Any refusal refuses the report (400, field
/// <see cref="Field"/>), so nothing is stored for it.
/// </summary>
public static class PhotoCheck
{
    /// <summary>The form field (and multipart part name) the photos come in.</summary>
    public const string Field = "photo";

    /// <summary>
    /// The clean photos of files of <paramref name="lengths"/> bytes, file i read by <paramref name="read"/>(i) only once
    /// the number and sizes passed; or the errors.
    /// </summary>
    public static (IReadOnlyList<CleanPhoto> Photos, ValidationErrors Errors) Clean(IReadOnlyList<long> lengths, Func<int, byte[]> read)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(read);
        var errors = new ValidationErrors();
        if (lengths.Count > PhotoRules.MaxPhotos)
        {
            errors.Add(Field, "too_many", Texts.Of("photo.too_many", ("max", PhotoRules.MaxPhotos)));
            return ([], errors);
        }

        if (lengths.Any(l => l > PhotoRules.MaxBytes))
        {
            errors.Add(Field, "too_large", Texts.Of("photo.too_large", ("mb", PhotoRules.MaxBytes / (1024 * 1024))));
            return ([], errors);
        }

        var photos = new List<CleanPhoto>(lengths.Count);
        for (var i = 0; i < lengths.Count; i++)
        {
            var (photo, refusal) = PhotoImage.Clean(read(i));
            switch (refusal)
            {
                case PhotoRefusal.TooManyPixels:
                    errors.Add(Field, "too_many_pixels", Texts.Of("photo.too_many_pixels"));
                    return ([], errors);
                case PhotoRefusal.NotAnImage:
                    errors.Add(Field, "not_an_image", Texts.Of("photo.not_an_image"));
                    return ([], errors);
                default:
                    photos.Add(photo!);
                    break;
            }
        }

        return (photos, errors);
    }
}
