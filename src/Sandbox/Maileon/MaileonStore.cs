using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Sandbox.Common;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Webhooks;

namespace PipedriveMaileon.Sandbox.Maileon;

/// <summary>
/// All state of the Maileon emulator. Every read or write of the accounts and their contents happens under
/// <see cref="Gate"/>; operations are short, so one lock keeps the rules (uniqueness, DOI transitions) simple.
/// </summary>
public sealed class MaileonStore(IOptions<MaileonOptions> options, SandboxClock clock) : IEmulatorState
{
    public const int DeliveryCapacity = 20_000;

    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<long, NewsletterAccount> accounts = [];
    private readonly Dictionary<string, ApiKey> keysByValue = new(StringComparer.Ordinal);
    private readonly List<WebhookDelivery> deliveries = [];
    private MaileonCounters counters = new();
    private bool seeded;

    public object Gate { get; } = new();

    /// <summary>The knobs in force; replaced as a whole, so readers need no lock.</summary>
    public MaileonBehaviour Behaviour { get; set; } = MaileonBehaviour.From(options.Value);

    public EmulatorKind Emulator => EmulatorKind.Maileon;

    /// <summary>Incremented by every reset and import, so queued webhook work from before is dropped.</summary>
    public long Generation { get; private set; }

    public IReadOnlyCollection<NewsletterAccount> Accounts
    {
        get
        {
            EnsureSeeded();
            return accounts.Values;
        }
    }

    public IEnumerable<ApiKey> ApiKeys
    {
        get
        {
            EnsureSeeded();
            return keysByValue.Values.OrderBy(k => k.Id);
        }
    }

    public IReadOnlyList<WebhookDelivery> Deliveries => deliveries;

    public NewsletterAccount? FindAccount(long id)
    {
        EnsureSeeded();
        return accounts.GetValueOrDefault(id);
    }

    public ApiKey? FindKey(string key)
    {
        EnsureSeeded();
        return keysByValue.GetValueOrDefault(key);
    }

    public ApiKey? FindKeyById(long id)
    {
        EnsureSeeded();
        return keysByValue.Values.FirstOrDefault(k => k.Id == id);
    }

    public long NextContactId() => ++counters.Contact;
    public long NextTransactionTypeId() => ++counters.TransactionType;
    public long NextAttributeId() => ++counters.Attribute;
    public long NextTransactionId() => ++counters.Transaction;
    public long NextWebhookId() => ++counters.Webhook;
    public long NextMessageId() => ++counters.Message;
    public long NextMailingId() => ++counters.Mailing;
    public long NextLinkId() => ++counters.Link;
    public long NextTrackingId() => ++counters.Tracking;

    public NewsletterAccount CreateAccount(string name, long? id, long customerAccountId, string customerAccountName, IEnumerable<string> doiMailingKeys)
    {
        EnsureSeeded();
        var accountId = id ?? ++counters.Account;
        if (accounts.ContainsKey(accountId))
        {
            throw new InvalidOperationException($"Account {accountId} exists already.");
        }

        var account = new NewsletterAccount
        {
            Id = accountId,
            Name = name,
            CustomerAccountId = customerAccountId,
            CustomerAccountName = customerAccountName,
            Created = clock.UtcNow,
            DoiMailingKeys = [.. doiMailingKeys],
        };
        accounts[accountId] = account;
        counters.Account = Math.Max(counters.Account, accountId);
        return account;
    }

    /// <summary>Adds an API key; a null <paramref name="key"/> generates a UUID-shaped one as Maileon does.</summary>
    public ApiKey CreateKey(long accountId, string? key, IEnumerable<string>? methods, DateTimeOffset? expiresAt, bool deactivated, string? label)
    {
        EnsureSeeded();
        var value = string.IsNullOrEmpty(key) ? Guid.NewGuid().ToString("D") : key;
        if (keysByValue.ContainsKey(value))
        {
            throw new InvalidOperationException("That API key exists already.");
        }

        var apiKey = new ApiKey
        {
            Id = ++counters.ApiKey,
            AccountId = accountId,
            Key = value,
            Label = label,
            Methods = methods is null ? [.. ApiKey.AllMethods] : [.. methods.Select(m => m.ToUpperInvariant()).Distinct()],
            ExpiresAt = expiresAt,
            Deactivated = deactivated,
        };
        keysByValue[value] = apiKey;
        return apiKey;
    }

    public bool RemoveKey(long id)
    {
        var key = FindKeyById(id);
        return key is not null && keysByValue.Remove(key.Key);
    }

    public WebhookDelivery RecordDelivery(WebhookDelivery delivery)
    {
        delivery.Sequence = ++counters.Delivery;
        deliveries.Add(delivery);
        if (deliveries.Count > DeliveryCapacity)
        {
            deliveries.RemoveRange(0, deliveries.Count - DeliveryCapacity);
        }

        return delivery;
    }

    public static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public void Reset()
    {
        lock (Gate)
        {
            accounts.Clear();
            keysByValue.Clear();
            deliveries.Clear();
            counters = new MaileonCounters();
            Behaviour = MaileonBehaviour.From(options.Value);
            Generation++;
            seeded = false;
            EnsureSeeded();
        }
    }

    public JsonNode Export()
    {
        lock (Gate)
        {
            EnsureSeeded();
            var snapshot = new MaileonSnapshot
            {
                Counters = counters,
                Accounts = [.. accounts.Values.OrderBy(a => a.Id)],
                ApiKeys = [.. keysByValue.Values.OrderBy(k => k.Id)],
                Deliveries = [.. deliveries],
            };
            return JsonSerializer.SerializeToNode(snapshot, SnapshotJson)!;
        }
    }

    public void Import(JsonNode snapshot)
    {
        var restored = snapshot.Deserialize<MaileonSnapshot>(SnapshotJson)
            ?? throw new InvalidOperationException("The Maileon snapshot is empty.");
        lock (Gate)
        {
            accounts.Clear();
            keysByValue.Clear();
            deliveries.Clear();
            counters = restored.Counters;
            foreach (var account in restored.Accounts)
            {
                account.RebuildIndexes();
                accounts[account.Id] = account;
            }

            foreach (var key in restored.ApiKeys)
            {
                keysByValue[key.Key] = key;
            }

            deliveries.AddRange(restored.Deliveries);
            Generation++;
            seeded = true;
        }
    }

    /// <summary>Creates the configured accounts the first time the state is touched (and after a reset).</summary>
    private void EnsureSeeded()
    {
        if (seeded)
        {
            return;
        }

        seeded = true;
        var seeds = options.Value.Accounts.Count > 0 ? options.Value.Accounts : SeedAccountOptions.Defaults;
        foreach (var seed in seeds)
        {
            var account = CreateAccount(seed.Name, seed.Id == 0 ? null : seed.Id, seed.CustomerAccountId, seed.CustomerAccountName, seed.DoiMailingKeys);
            if (!string.IsNullOrEmpty(seed.ApiKey))
            {
                CreateKey(account.Id, seed.ApiKey, null, null, false, "seeded");
            }
        }
    }
}
