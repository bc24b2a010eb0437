namespace Bpm.Papers.Tests;

public sealed class FileSystemPaperStoreTests : PaperStoreTestBase, IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bpm-papers-").FullName;

    protected override IPaperStore CreateStore(PaperOptions? options = null) => new FileSystemPaperStore(_data, options ?? new PaperOptions(), Time);

    /// <summary>Files anywhere under the store's folder, staging and trash included.</summary>
    protected override int Leftovers(IPaperStore store)
    {
        var root = ((FileSystemPaperStore)store).Root;
        return Directory.Exists(root) ? Directory.EnumerateFiles(root, "content", SearchOption.AllDirectories).Count() : 0;
    }

    [Fact]
    public async Task SaveAsync_Paper_FiledByMonthAndIdNeverByDeclaredName()
    {
        var store = (FileSystemPaperStore)CreateStore();

        var paper = await store.SaveAsync(new MemoryStream(Samples.Pdf), "ho-so-bi-mat.pdf", null);

        var folder = Path.Combine(_data, "papers", "2026", "12", paper.Id.ToString());
        Assert.Equal(Samples.Pdf, await File.ReadAllBytesAsync(Path.Combine(folder, "content")));
        Assert.Contains(paper.Sha256, await File.ReadAllTextAsync(Path.Combine(folder, "paper.json")));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_data, "*", SearchOption.AllDirectories), p => p.Contains("bi-mat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveAsync_RefusedFile_NoFileAnywhereUnderRoot()
    {
        var store = (FileSystemPaperStore)CreateStore();

        await RefusedAsync(store, Samples.WindowsExecutable, "a.pdf");

        Assert.Empty(Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task SaveAsync_InvalidName_StorageNeverTouched()
    {
        var store = (FileSystemPaperStore)CreateStore();

        await RefusedAsync(store, Samples.Pdf, "../../a.pdf");

        Assert.False(Directory.Exists(store.Root));
    }

    [Fact]
    public void Constructor_AbsolutePath_UsedAsIs()
    {
        var elsewhere = Path.Combine(_data, "elsewhere");

        var store = new FileSystemPaperStore("/nonexistent-data", new PaperOptions { Path = elsewhere }, Time);

        Assert.Equal(elsewhere, store.Root);
    }

    [Fact]
    public async Task OpenAsync_AfterRestart_ReadsRecordFromDisk()
    {
        var paper = await CreateStore().SaveAsync(new MemoryStream(Samples.Jpeg), "Ảnh thẻ.jpg", "image/jpeg");

        await using var opened = await CreateStore().OpenAsync(paper.Id);

        Assert.Equal(paper, opened!.Paper);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
