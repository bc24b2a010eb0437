namespace Bpm.Papers.Tests;

public sealed class InMemoryPaperStoreTests : PaperStoreTestBase
{
    protected override IPaperStore CreateStore(PaperOptions? options = null) => new InMemoryPaperStore(options ?? new PaperOptions(), Time);

    protected override int Leftovers(IPaperStore store) => ((InMemoryPaperStore)store).Count;
}
