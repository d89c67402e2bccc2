namespace ArchGate.Tests.Layers;

/// <summary>The configuration and the referenced types shared by the layer tests.</summary>
internal static class LayerSources
{
    /// <summary>The product specification's four layers.</summary>
    public const string Config = """
        {
          "layers": {
            "Api":            { "namespaces": ["Shop.Api.**"] },
            "Application":    { "namespaces": ["Shop.Application.**"] },
            "Domain":         { "namespaces": ["Shop.Domain.**"] },
            "Infrastructure": { "namespaces": ["Shop.Infrastructure.**"] }
          },
          "dependencies": {
            "Api": ["Application", "Domain"],
            "Application": ["Domain"],
            "Infrastructure": ["Application", "Domain"],
            "Domain": []
          },
          "compositionRoot": ["Program", "Shop.Api.DependencyInjection.**"]
        }
        """;

    /// <summary>
    /// Types in Infrastructure (forbidden to Domain, Application and Api), in a namespace that is in
    /// no layer (<c>Shop.Shared</c>: unrestricted), and in Domain.
    /// </summary>
    public const string Targets = """
        using System;

        namespace Shop.Infrastructure
        {
            public class Db
            {
                public const string Name = "db";
                public const int Max = 10;
                public static int Count;
                public static Db Create() => new Db();
                public int Id { get; set; }
                public event EventHandler? Changed;
                public void Save() => Changed?.Invoke(this, EventArgs.Empty);
                public class Nested { }
            }

            public class Db<T> { }

            public interface IStore { }

            [AttributeUsage(AttributeTargets.All)]
            public sealed class DbAttribute : Attribute
            {
                public int Order { get; set; }
            }

            public static class DbExtensions
            {
                public static int Flush(this string text) => text.Length;
            }

            public class Base
            {
                public void Inherited() { }
                public static void StaticInherited() { }
            }

            public enum Kind { A, B }

            public class Fault : Exception { }

            public record Rec(int Value);
        }

        namespace Shop.Shared
        {
            public class Mid : Shop.Infrastructure.Base { }

            public class Holder(int value)
            {
                public int Value => value;
            }

            public static class Sink
            {
                public static void Take(Shop.Infrastructure.Db db) { }
                public static Shop.Infrastructure.Db Get() => new();
                public static Shop.Infrastructure.Rec GetRec() => new(1);
            }
        }

        namespace Shop.Domain.Model
        {
            public class Entity
            {
                public static int Count;
            }
        }
        """;
}
