using System.Security.Cryptography;
using System.Text;

namespace Ammeindsats.Data.Audit;

/// <summary>
/// AES-GCM with one key per person. The audit trail stores personal fields only in this form, so deleting
/// the person's key (erasure) leaves every audit row in place and the person's name unreadable.
/// </summary>
public static class PersonalDataCipher
{
    private const string Prefix = "enc:";
    public const string Erased = "[slettet person]";

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    public static string Encrypt(byte[] key, string plain)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plainBytes = Encoding.UTF8.GetBytes(plain);
        var cipher = new byte[plainBytes.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(key, tag.Length);
        aes.Encrypt(nonce, plainBytes, cipher, tag);
        return Prefix + Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public static bool IsEncrypted(string? value) => value?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>Returns the plain text, or <see cref="Erased"/> when the key is gone.</summary>
    public static string Decrypt(byte[]? key, string value)
    {
        if (!IsEncrypted(value))
        {
            return value;
        }

        if (key is null)
        {
            return Erased;
        }

        var all = Convert.FromBase64String(value[Prefix.Length..]);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var plain = new byte[all.Length - nonceSize - tagSize];
        using var aes = new AesGcm(key, tagSize);
        aes.Decrypt(all.AsSpan(0, nonceSize), all.AsSpan(nonceSize + tagSize), all.AsSpan(nonceSize, tagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
