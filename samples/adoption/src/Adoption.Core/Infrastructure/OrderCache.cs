namespace Adoption.Infrastructure;

public static class OrderCache
{
    public static int Size() => 0;
}
