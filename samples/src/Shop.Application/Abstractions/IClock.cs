namespace Shop.Application.Abstractions;

public interface IClock
{
    DateTimeOffset UtcNow { get; }
}
