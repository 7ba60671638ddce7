using System.Security.Cryptography;
using System.Text;

namespace GridAid.Infrastructure.Tables;

/// <summary>The key layout of the <c>poisonmessages</c> table: partition = queue, row = hash of the message text, so recording twice is one row.</summary>
public static class PoisonKeys
{
    public static string For(string messageText) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(messageText)));
}
