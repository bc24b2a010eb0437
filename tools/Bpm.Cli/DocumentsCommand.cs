using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Bpm.Documents.Signing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bpm.Cli;

/// <summary>
/// <c>bpm documents verify FILE --signature SIG (--certificate UNIT.cer | --data DIR) [--unit CODE]</c>:
/// exit 0 when FILE is exactly what the unit signed, 1 with the reason otherwise.
/// </summary>
internal static class DocumentsCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "verify")
        {
            throw new UsageException("documents needs a sub-command: verify FILE --signature SIG (--certificate UNIT.cer | --data DIR) [--unit CODE]");
        }

        var parsed = Arguments.Parse(args.AsSpan(1), ["--signature", "--certificate", "--data", "--unit"]);
        if (parsed.Positional.Count != 1 || parsed["--signature"] is not { } signaturePath)
        {
            throw new UsageException("documents verify needs one FILE and --signature SIG");
        }

        // Without a certificate to compare with, a valid signature proves only that someone signed, not that the unit did.
        if ((parsed["--certificate"] is null) == (parsed["--data"] is null))
        {
            throw new UsageException("documents verify needs exactly one of --certificate UNIT_CERTIFICATE (the unit's .cer/.pem) or --data SERVER_DATA_FOLDER (development certificates)");
        }

        var content = File.ReadAllBytes(parsed.Positional[0]);
        var signature = File.ReadAllBytes(signaturePath);
        DocumentVerifier verifier;
        if (parsed["--certificate"] is { } certificatePath)
        {
            X509Certificate2 trusted;
            try
            {
                trusted = X509CertificateLoader.LoadCertificateFromFile(certificatePath);
            }
            catch (CryptographicException e)
            {
                stderr.WriteLine($"bpm: --certificate {certificatePath}: not an X.509 certificate ({e.Message})");
                return Cli.Failed;
            }

            verifier = new DocumentVerifier(_ => trusted);
        }
        else
        {
            var options = new SigningOptions { DataFolder = Path.GetFullPath(parsed["--data"]!) };
            verifier = new DocumentVerifier(new UnitCertificates(options, TimeProvider.System, NullLogger<UnitCertificates>.Instance));
        }

        var result = verifier.Verify(content, signature, parsed["--unit"]);
        stdout.WriteLine($"{(result.IsValid ? "VALID" : "INVALID")}: {result.Reason}");
        stdout.WriteLine($"sha256: {result.Sha256}");
        return result.IsValid ? Cli.Ok : Cli.Failed;
    }
}
