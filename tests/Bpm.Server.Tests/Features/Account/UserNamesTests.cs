using Bpm.Server.Features.Account;

namespace Bpm.Server.Tests.Features.Account;

public sealed class UserNamesTests
{
    [Theory]
    [InlineData("motcua.phuonglam")]
    [InlineData("nguyễn.văn.an")]
    [InlineData("user@example.vn")]
    [InlineData("𝒳-emoji-😀")]
    public void CanExist_OrdinaryNames_True(string name)
    {
        Assert.True(UserNames.CanExist(name));
        _ = name.Normalize(); // what Identity does with it must not throw either
    }

    [Theory]
    [InlineData("\ufffe")]
    [InlineData("a\uffffb")]
    [InlineData("\ufdd0")]
    [InlineData("admin\u0000")]
    [InlineData("a\tb")]
    public void CanExist_NonCharactersControls_False(string name) => Assert.False(UserNames.CanExist(name));

    [Theory]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    public void CanExist_LoneSurrogate_False(int surrogate)
    {
        // Built here: a lone surrogate in an attribute argument does not survive xUnit's serialisation.
        var name = "x" + (char)surrogate + "y";
        Assert.Throws<ArgumentException>(() => name.Normalize());

        Assert.False(UserNames.CanExist(name));
    }
}
