namespace Shop.Application.Abstractions;

/// <summary>Commits the changes of one use case atomically.</summary>
public interface IUnitOfWork
{
    Task CommitAsync(CancellationToken cancellationToken);
}
