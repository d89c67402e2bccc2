namespace Adoption.Domain;

public sealed class Order
{
    public int Id { get; init; }

    // Existing debt: the domain saves itself through Infrastructure (AG1001), baselined.
    public void Submit() => Adoption.Infrastructure.OrderStore.Save(Id);

    public bool IsOpen => true;
}
