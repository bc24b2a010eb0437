using System.Text;

namespace Bpm.Papers.Tests;

public sealed class PaperIntakeTests
{
    // FIPS 180-2 appendix B test vectors.
    [Theory]
    [InlineData("abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 5, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public async Task CopyAsync_KnownVector_Sha256Matches(string message, int bytesPerRead, string expected)
    {
        var intake = await PaperIntake.CopyAsync(TestStreams.Trickle(Encoding.ASCII.GetBytes(message), bytesPerRead), Stream.Null, 1024, CancellationToken.None);

        Assert.Equal(expected, intake.Sha256);
    }

    [Fact]
    public async Task CopyAsync_MillionA_Sha256MatchesAcrossManyChunks()
    {
        var content = Encoding.ASCII.GetBytes(new string('a', 1_000_000));

        var intake = await PaperIntake.CopyAsync(TestStreams.Trickle(content, 65_537), Stream.Null, content.Length, CancellationToken.None);

        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", intake.Sha256);
        Assert.Equal(1_000_000, intake.Length);
    }

    [Fact]
    public async Task CopyAsync_LongContent_KeepsExactHeaderAndTail()
    {
        var content = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 31)).ToArray();
        using var copy = new MemoryStream();

        var intake = await PaperIntake.CopyAsync(TestStreams.Trickle(content, 10_007), copy, content.Length, CancellationToken.None);

        Assert.Equal(content, copy.ToArray());
        Assert.Equal(content[..PaperSniffer.HeaderLength], intake.Header);
        Assert.Equal(content[^PaperSniffer.TailLength..], intake.Tail);
    }
}
