using Playstream.Core.Lookups;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Lookups;

public sealed class LookupFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Wanted_columns_are_found_in_any_case_and_order_and_a_missing_optional_one_is_minus_one()
    {
        var positions = LookupFile.MapColumns(["\uFEFF ZIP ", "id", "Other", "name"], "customers", "c.csv", ["Id", "Name"], ["zip", "age"]);
        Assert.Equal([1, 3, 0, -1], positions);
    }

    [Fact]
    public void Missing_columns_are_all_named_before_a_repeated_one()
    {
        var e = Assert.Throws<LookupFileException>(() => LookupFile.MapColumns(["id", "id"], "tracks", "m.csv", ["Id", "Title", "Artist"], []));
        Assert.Equal("tracks file 'm.csv': missing columns 'Title', 'Artist' in header", e.Message);
        e = Assert.Throws<LookupFileException>(() => LookupFile.MapColumns(["id", "title", " ID"], "tracks", "m.csv", ["Id", "Title"], []));
        Assert.Equal("tracks file 'm.csv': column 'ID' appears twice in header", e.Message);
    }

    [Fact]
    public void A_repeated_column_that_is_not_read_is_no_problem() =>
        Assert.Equal([0], LookupFile.MapColumns(["id", "x", "x"], "tracks", "m.csv", ["Id"], []));

    [Theory]
    [InlineData("42", true, 42)]
    [InlineData(" 7 ", true, 7)]
    [InlineData("-1", false, 0)]
    [InlineData("+3", false, 0)]
    [InlineData("1e3", false, 0)]
    [InlineData("", false, 0)]
    public void Ids_are_plain_digits_with_spaces_around_allowed(string text, bool ok, int value)
    {
        Assert.Equal(ok, LookupFile.TryParseId(text, out var parsed));
        if (ok)
            Assert.Equal(value, parsed);
    }

    [Fact]
    public void Opening_a_missing_file_or_a_folder_says_which_file_and_why()
    {
        var missing = _folder.File("none.csv");
        Assert.Equal($"customers file '{missing}': file not found",
            Assert.Throws<LookupFileException>(() => LookupFile.OpenText(missing, "customers")).Message);
        Assert.Equal($"tracks file '{_folder.Path}': is a directory, not a file",
            Assert.Throws<LookupFileException>(() => LookupFile.OpenText(_folder.Path, "tracks")).Message);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_text()
    {
        var path = _folder.File("bom.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, (byte)'i', (byte)'d']);
        using var reader = LookupFile.OpenText(path, "customers");
        Assert.Equal("id", reader.ReadToEnd());
    }
}
