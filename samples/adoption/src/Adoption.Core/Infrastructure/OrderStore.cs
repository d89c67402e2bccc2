namespace Adoption.Infrastructure;

public sealed class OrderStore
{
    public static int CountOpen() => 0;

    public static void Save(int orderId)
    {
    }
}
