using System.Text.RegularExpressions;
using ArchGate.Analyzers.Layers;
using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Layers.LayerAnalyzer>;

namespace ArchGate.Tests.Layers;

/// <summary>
/// AG1001 for every kind of reference. Each case is run twice: in <c>Shop.Domain.Orders</c> (Domain
/// may use nothing outside itself), where each marked location must be reported exactly once, and,
/// as its clean twin, the same code in <c>Shop.Infrastructure.Jobs</c> (the same layer as the
/// targets), which must stay silent.
/// </summary>
public class ForbiddenDependencyTests
{
    /// <summary>
    /// A case: usings (outside the namespace), the body of the namespace, and per marker <c>{|#i:...|}</c>
    /// "source|target": the source relative to <c>Shop.Domain.Orders</c> (empty: the namespace
    /// itself) and the target relative to <c>Shop.Infrastructure</c>.
    /// </summary>
    private sealed record Case(string Usings, string Body, params string[] Expected);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["base type"] = new("", "public class Order : {|#0:Base|} { }", "Order|Base"),
        ["interface"] = new("", "public class Order : {|#0:IStore|} { }", "Order|IStore"),
        ["field"] = new("", "public class Order { private {|#0:Db|}? _db; public object? Get() => _db; }", "Order|Db"),
        ["property"] = new("", "public class Order { public {|#0:Db|}? Store { get; set; } }", "Order|Db"),
        ["event"] = new("", "public class Order { public event Action<{|#0:Db|}>? Saved; public void Raise() => Saved?.Invoke(null!); }", "Order|Db"),
        ["parameter"] = new("", "public class Order { public void Attach({|#0:Db|} db) { } }", "Order|Db"),
        ["return type"] = new("", "public class Order { public {|#0:Db|}? Find() => null; }", "Order|Db"),
        ["record primary constructor"] = new("", "public record Order({|#0:Db|} Store);", "Order|Db"),
        ["delegate declaration"] = new("", "public delegate void Handler({|#0:Db|} db);", "Handler|Db"),
        ["nested type"] = new("", "public class Order { public class Line : {|#0:Base|} { } }", "Order.Line|Base"),
        ["generic argument"] = new("", "public class Order { public System.Collections.Generic.List<{|#0:Db|}> Items { get; } = new(); }", "Order|Db"),
        ["generic type"] = new("", "public class Order { public {|#0:Db|}<int>? Typed { get; set; } }", "Order|Db"),
        ["method type argument"] = new("", "public class Order { public object Make() => Activator.CreateInstance<{|#0:Db|}>(); }", "Order|Db"),
        ["constraint"] = new("", "public class Order<T> where T : {|#0:Base|} { }", "Order|Base"),
        ["method constraint"] = new("", "public class Order { public void M<T>() where T : {|#0:IStore|} { } }", "Order|IStore"),
        ["array"] = new("", "public class Order { public {|#0:Db|}[] All = []; }", "Order|Db"),
        ["attribute"] = new("", "[{|#0:Db|}] public class Order { }", "Order|DbAttribute"),
        ["attribute with named argument"] = new("", "[{|#0:Db|}(Order = 1)] public class Order { }", "Order|DbAttribute"),
        ["attribute on a return value"] = new("", "public class Order { [return: {|#0:DbAttribute|}] public int M() => 0; }", "Order|DbAttribute"),
        ["local"] = new("", "public class Order { public void M() { {|#0:Db|}? db = null; _ = db; } }", "Order|Db"),
        ["lambda parameter"] = new("", "public class Order { public Func<{|#0:Db|}, int> F = ({|#1:Db|} d) => 0; }", "Order|Db", "Order|Db"),
        ["object creation"] = new("", "public class Order { public object M() => new {|#0:Db|}(); }", "Order|Db"),
        ["object creation with initializer"] = new("", "public class Order { public object M() => new {|#0:Db|} { Id = 1 }; }", "Order|Db"),
        ["target-typed new"] = new("", "public class Order { public void M() => Shop.Shared.Sink.Take({|#0:new()|}); }", "Order|Db"),
        ["target-typed new with initializer"] = new("", "public class Order { public void M() => Shop.Shared.Sink.Take({|#0:new()|} { Id = 2 }); }", "Order|Db"),
        ["static member access"] = new("", "public class Order { public int M() => {|#0:Db|}.Count; }", "Order|Db"),
        ["static method call"] = new("", "public class Order { public object M() => {|#0:Db|}.Create(); }", "Order|Db"),
        ["constant"] = new("", "public class Order { public const string N = {|#0:Db|}.Name; }", "Order|Db"),
        ["enum member"] = new("", "public class Order { public object M() => {|#0:Kind|}.A; }", "Order|Kind"),
        ["nested type access"] = new("", "public class Order { public object M() => new {|#0:Db|}.Nested(); }", "Order|Db"),
        ["fully qualified name"] = new("", "public class Order { public object M() => new Shop.Infrastructure.{|#0:Db|}(); }", "Order|Db"),
        ["global-qualified name"] = new("", "public class Order { public object M() => new global::Shop.Infrastructure.{|#0:Db|}(); }", "Order|Db"),
        ["extension method call"] = new("", "public class Order { public int M(string text) => text.{|#0:Flush|}(); }", "Order|DbExtensions.Flush"),
        ["extension method called as static"] = new("", "public class Order { public int M(string text) => {|#0:DbExtensions|}.Flush(text); }", "Order|DbExtensions"),
        ["typeof"] = new("", "public class Order { public Type M() => typeof({|#0:Db|}); }", "Order|Db"),
        ["typeof of an open generic"] = new("", "public class Order { public Type M() => typeof({|#0:Db|}<>); }", "Order|Db"),
        ["default"] = new("", "public class Order { public object? M() => default({|#0:Db|}); }", "Order|Db"),
        ["cast"] = new("", "public class Order { public object M(object o) => ({|#0:Db|})o; }", "Order|Db"),
        ["is"] = new("", "public class Order { public bool M(object o) => o is {|#0:Db|}; }", "Order|Db"),
        ["as"] = new("", "public class Order { public object? M(object o) => o as {|#0:Db|}; }", "Order|Db"),
        ["declaration pattern"] = new("", "public class Order { public int M(object o) => o is {|#0:Db|} db ? db.GetHashCode() : 0; }", "Order|Db"),
        ["switch pattern"] = new("", "public class Order { public int M(object o) => o switch { {|#0:Db|} => 1, _ => 0 }; }", "Order|Db"),
        ["property pattern"] = new("", "public class Order { public bool M(object o) => o is {|#0:Db|} { Id: 1 }; }", "Order|Db"),
        ["catch"] = new("", "public class Order { public void M() { try { } catch ({|#0:Fault|}) { } } }", "Order|Fault"),
        ["using static"] = new("using static Shop.Infrastructure.{|#0:Db|};", "public class Order { public int M() => {|#1:Count|}; }", "|Db", "Order|Db.Count"),
        ["using alias"] = new("using Store = Shop.Infrastructure.{|#0:Db|};", "public class Order { public {|#1:Store|}? S { get; set; } }", "|Db", "Order|Db"),
        ["nameof type"] = new("", "public class Order { public string M() => nameof({|#0:Db|}); }", "Order|Db"),
        ["nameof member"] = new("", "public class Order { public string M() => nameof({|#0:Db|}.Save); }", "Order|Db"),
        ["inherited member through an allowed type"] = new("", "public class Order { public void M(Shop.Shared.Mid mid) => mid.{|#0:Inherited|}(); }", "Order|Base.Inherited"),
        ["inherited static member through an allowed type"] = new("", "public class Order { public void M() => Shop.Shared.Mid.{|#0:StaticInherited|}(); }", "Order|Base.StaticInherited"),
        ["member of a forbidden type reached without naming it"] = new("", "public class Order { public int M() => Shop.Shared.Sink.Get().{|#0:Id|}; }", "Order|Db.Id"),
        ["event subscription"] = new("", "public class Order { public void M() => Shop.Shared.Sink.Get().{|#0:Changed|} += (s, e) => { }; }", "Order|Db.Changed"),
        ["positional record property"] = new("", "public class Order { public int M() => Shop.Shared.Sink.GetRec().{|#0:Value|}; }", "Order|Rec.Value"),
        ["field initializer"] = new("", "public class Order { private object _x = new {|#0:Db|}(); public object X => _x; }", "Order|Db"),
        ["field initializer with a block lambda"] = new("", "public class Order { public Func<object> F = () => { return new {|#0:Db|}(); }; }", "Order|Db"),
        ["property initializer"] = new("", "public class Order { public object P { get; } = {|#0:Db|}.Create(); }", "Order|Db"),
        ["expression-bodied property"] = new("", "public class Order { public object P => new {|#0:Db|}(); }", "Order|Db"),
        ["accessor bodies"] = new("", "public class Order { private object? _p; public object P { get { return _p ??= new {|#0:Db|}(); } set { _p = ({|#1:Db|})value; } } }", "Order|Db", "Order|Db"),
        ["parameter default value"] = new("", "public class Order { public string M(string s = {|#0:Db|}.Name) => s; }", "Order|Db"),
        ["enum member value"] = new("", "public enum Size { Small = 1, Large = {|#0:Db|}.Max }", "Size|Db"),
        ["constructor initializer"] = new("", "public class Order { public Order(int x) { } public Order() : this({|#0:Db|}.Count) { } }", "Order|Db"),
        ["primary constructor base argument"] = new("", "public class Order() : Shop.Shared.Holder({|#0:Db|}.Max);", "Order|Db"),
        ["local function"] = new("", "public class Order { public int M() { return Local(null!); static int Local({|#0:Db|} db) => db.{|#1:Id|}; } }", "Order|Db", "Order|Db.Id"),
        ["attribute argument"] = new("", "[System.ComponentModel.TypeConverter(typeof({|#0:Db|}))] public class Order { }", "Order|Db"),
        ["member of a created object"] = new("", "public class Order { public int M() => new {|#0:Db|}().Id; }", "Order|Db"),
        ["member of a static call result"] = new("", "public class Order { public void M() => {|#0:Db|}.Create().Save(); }", "Order|Db"),
        ["member of a cast"] = new("", "public class Order { public int M(object o) => (({|#0:Db|})o).Id; }", "Order|Db"),
        ["member of an as-conversion"] = new("", "public class Order { public int? M(object o) => (o as {|#0:Db|})?.Id; }", "Order|Db"),
        ["conditional member of a forbidden result"] = new("", "public class Order { public int? M() => Shop.Shared.Sink.Get()?.{|#0:Id|}; }", "Order|Db.Id"),
        ["member of a forbidden parameter"] = new("", "public class Order { public void M({|#0:Db|} db) => db.{|#1:Save|}(); }", "Order|Db", "Order|Db.Save"),
        ["conditional method call on a forbidden result"] = new("", "public class Order { public void M() => Shop.Shared.Sink.Get()?.{|#0:Save|}(); }", "Order|Db.Save"),
        ["conditional extension method call"] = new("", "public class Order { public int? M(string? text) => text?.{|#0:Flush|}(); }", "Order|DbExtensions.Flush"),
        ["method group of a forbidden result"] = new("", "public class Order { public Action M() => Shop.Shared.Sink.Get().{|#0:Save|}; }", "Order|Db.Save"),
        // Executable code is found through its text (LayerWalker.ScanExecutable): identifiers whose
        // text differs from their value, names next to comments and strings, and non-ASCII identifiers.
        ["verbatim identifier"] = new("", "public class Order { public int M() => {|#0:@Db|}.Count; }", "Order|Db"),
        ["unicode escape in an identifier"] = new("", "public class Order { public int M() => {|#0:\\u0044b|}.Count; }", "Order|Db"),
        ["formatting character in an identifier"] = new("", "public class Order { public int M() => {|#0:D\u200Bb|}.Count; }", "Order|Db"),
        ["name between comments and strings"] = new("", "public class Order { public string M() => /* Db */{|#0:Db|}.Name/**/+ \"Db.Count\" + $\"{{|#1:Db|}.Name}\"; }", "Order|Db", "Order|Db"),
        ["non-ASCII identifiers around the name"] = new("", "public class Order { public int M() { var größe = 1; var ключ = {|#0:Db|}.Count + größe; return ключ; } }", "Order|Db"),
        ["target-typed new after a comment"] = new("", "public class Order { public void M() => Shop.Shared.Sink.Take(/* new */{|#0:new  ()|}); }", "Order|Db"),
        ["name in a disabled region is not code"] = new("", "public class Order { public int M() {\n#if NEVER\n return Db.Count;\n#endif\n return {|#0:Db|}.Count; } }", "Order|Db"),
        ["delegate invocation of a forbidden method group"] = new("", "public class Order { public void M() { Action a = Shop.Shared.Sink.Get().{|#0:Save|}; a(); } }", "Order|Db.Save"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Reference_to_a_forbidden_layer_is_reported_once_per_location(string name)
    {
        var @case = Cases[name];
        var test = Verifier.Create(LayerSources.Config, Source(@case, "Shop.Domain.Orders"), LayerSources.Targets);

        // One diagnostic per (containing member, forbidden type): in these cases every source has one member
        // per target type, so the markers of one (source, target type) are one diagnostic, at the first marker,
        // with the others as additional locations.
        var groups = new List<(string Source, string Type, string Target, List<int> Markers)>();
        for (var i = 0; i < @case.Expected.Length; i++)
        {
            var parts = @case.Expected[i].Split('|');
            var source = parts[0].Length == 0 ? "Shop.Domain.Orders" : "Shop.Domain.Orders." + parts[0];
            var type = parts[1].Split('.')[0];
            var group = groups.FindIndex(g => g.Source == source && g.Type == type);
            if (group < 0)
            {
                groups.Add((source, type, parts[1], new List<int> { i }));
            }
            else
            {
                groups[group].Markers.Add(i);
            }
        }

        foreach (var (source, _, target, markers) in groups)
        {
            var expected = Verifier.Diagnostic("AG1001");
            foreach (var marker in markers)
            {
                expected = expected.WithLocation(marker);
            }

            test.ExpectedDiagnostics.Add(expected.WithArguments(
                source, "Domain", "Shop.Infrastructure." + target, "Infrastructure", "nothing outside itself", "Domain"));
        }

        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Clean_twin_in_the_same_layer_is_silent(string name)
    {
        var @case = Cases[name];
        var source = StripMarkup(Source(@case, "Shop.Infrastructure.Jobs"));
        await Verifier.Create(LayerSources.Config, source, LayerSources.Targets).RunAsync();
    }

    [Fact]
    public async Task Message_matches_the_specification()
    {
        var test = Verifier.Create(LayerSources.Config, """
            namespace Shop.Domain.Orders
            {
                public class Order { public Shop.Infrastructure.{|#0:Db|}? Store { get; set; } }
            }
            """, LayerSources.Targets);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(LayerAnalyzer.ForbiddenLayerDependency).WithLocation(0).WithMessage(
            "'Shop.Domain.Orders.Order' (layer Domain) uses 'Shop.Infrastructure.Db' (layer Infrastructure); Domain may use: nothing outside itself (archgate.json: dependencies.Domain). Depend on an abstraction declared in Domain instead."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Message_names_the_allowed_layers()
    {
        var test = Verifier.Create(LayerSources.Config, """
            namespace Shop.Api.Endpoints
            {
                public class OrdersEndpoint { public object Handle() => new Shop.Infrastructure.{|#0:Db|}(); }
            }
            """, LayerSources.Targets);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(LayerAnalyzer.ForbiddenLayerDependency).WithLocation(0).WithMessage(
            "'Shop.Api.Endpoints.OrdersEndpoint' (layer Api) uses 'Shop.Infrastructure.Db' (layer Infrastructure); Api may use: Application, Domain (archgate.json: dependencies.Api). Depend on an abstraction declared in Api or an allowed layer (Application, Domain) instead."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Crefs_strings_and_namespace_imports_are_not_dependencies()
    {
        await Verifier.Create(LayerSources.Config, """
            using Shop.Infrastructure;

            namespace Shop.Domain.Orders
            {
                /// <summary>Stored by <see cref="Db"/> through <see cref="Db.Save"/>; see <see cref="Shop.Infrastructure.IStore"/>.</summary>
                public class Order
                {
                    public string Store = "Shop.Infrastructure.Db";
                    public string Describe() => $"saved by {"Db"}";
                }
            }
            """, LayerSources.Targets).RunAsync();
    }

    [Fact]
    public async Task Allowed_layers_and_code_in_no_layer_are_not_restricted()
    {
        await Verifier.Create(LayerSources.Config, """
            using System.Text;
            using Shop.Domain.Model;

            namespace Shop.Application.Orders
            {
                public class PlaceOrder : Entity
                {
                    public Entity Create() => new Entity();
                    public int Count() => Entity.Count;
                    public StringBuilder Text = new();
                    public void Pass() => Shop.Shared.Sink.Take(Shop.Shared.Sink.Get());
                }
            }

            namespace Shop.Tools
            {
                public class Seeder { public object Make() => new Shop.Infrastructure.Db(); }
            }
            """, LayerSources.Targets).RunAsync();
    }

    [Fact]
    public async Task Var_is_not_a_reference_the_forbidden_member_use_is()
    {
        var test = Verifier.Create(LayerSources.Config, """
            namespace Shop.Domain.Orders
            {
                public class Order
                {
                    public void Pass()
                    {
                        var db = Shop.Shared.Sink.Get();
                        Shop.Shared.Sink.Take(db);
                    }

                    public int Use()
                    {
                        var db = Shop.Shared.Sink.Get();
                        return db.{|#0:Id|};
                    }
                }
            }
            """, LayerSources.Targets);
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG1001").WithLocation(0).WithArguments(
            "Shop.Domain.Orders.Order", "Domain", "Shop.Infrastructure.Db.Id", "Infrastructure", "nothing outside itself", "Domain"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Top_level_statements_and_types_in_the_same_file_are_each_checked_once()
    {
        const string config = """
            {
              "layers": {
                "Host":           { "namespaces": ["Host.**"], "assemblies": ["TestProject"] },
                "Shared":         { "namespaces": ["Shop.Shared.**", "Shop.Domain.**"] },
                "Infrastructure": { "namespaces": ["Shop.Infrastructure.**"] }
              },
              "dependencies": { "Host": [], "Shared": ["Infrastructure"], "Infrastructure": [] }
            }
            """;
        var test = Verifier.Create(config, """
            using Shop.Infrastructure;

            var db = new {|#0:Db|}();
            System.Console.WriteLine(Describe(db));

            static string Describe({|#1:Db|} d) => d.{|#2:Id|}.ToString();

            public class Helper
            {
                public object Make() => new {|#3:Db|}();
            }
            """, LayerSources.Targets);
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        // One diagnostic per (member, forbidden type): the top-level statements (with their local function)
        // are one member, so markers 0-2 are one diagnostic; Helper.Make is another.
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG1001").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(
            "Program", "Host", "Shop.Infrastructure.Db", "Infrastructure", "nothing outside itself", "Host"));
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG1001").WithLocation(3).WithArguments(
            "Helper", "Host", "Shop.Infrastructure.Db", "Infrastructure", "nothing outside itself", "Host"));

        await test.RunAsync();
    }

    [Fact]
    public async Task Global_using_alias_declared_in_another_file_is_followed()
    {
        var test = Verifier.Create(LayerSources.Config, """
            namespace Shop.Domain.Orders
            {
                public class Order { public {|#0:Store|}? S { get; set; } }
            }
            """, LayerSources.Targets, "global using Store = Shop.Infrastructure.Db;");
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG1001").WithLocation(0).WithArguments(
            "Shop.Domain.Orders.Order", "Domain", "Shop.Infrastructure.Db", "Infrastructure", "nothing outside itself", "Domain"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Composition_root_is_exempt()
    {
        var test = Verifier.Create(LayerSources.Config, """
            using Shop.Infrastructure;

            namespace Shop.Api.DependencyInjection
            {
                public static class Wiring
                {
                    public static object Make() => new Db();
                    public static Db Get(Db db) => db;
                    public class Inner : Base { }
                }
            }

            namespace Shop.Api.Endpoints
            {
                public static class NotWiring
                {
                    public static object Make() => new {|#0:Db|}();
                }
            }
            """, LayerSources.Targets);
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG1001").WithLocation(0).WithArguments(
            "Shop.Api.Endpoints.NotWiring", "Api", "Shop.Infrastructure.Db", "Infrastructure", "Application, Domain", "Api or an allowed layer (Application, Domain)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Using_static_in_a_composition_root_file_is_exempt()
    {
        await Verifier.Create(LayerSources.Config, """
            using static Shop.Infrastructure.Db;

            namespace Shop.Api.DependencyInjection;

            public static class Wiring
            {
                public static int Make() => Count;
            }
            """, LayerSources.Targets).RunAsync();
    }

    [Fact]
    public async Task Most_specific_namespace_pattern_wins()
    {
        const string config = """
            {
              "layers": {
                "Core":  { "namespaces": ["Acme.**"] },
                "Infra": { "namespaces": ["Acme.Infra.**"] }
              },
              "dependencies": { "Core": [], "Infra": ["Core"] }
            }
            """;
        var test = Verifier.Create(config, """
            namespace Acme.Infra.Storage
            {
                public class Store { public Acme.Orders.Order? Order { get; set; } }
            }

            namespace Acme.Orders
            {
                public class Order { public Acme.Infra.Storage.{|#0:Store|}? Store { get; set; } }
            }
            """);
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG1001").WithLocation(0).WithArguments(
            "Acme.Orders.Order", "Core", "Acme.Infra.Storage.Store", "Infra", "nothing outside itself", "Core"));
        await test.RunAsync();
    }

    /// <summary>
    /// Issue 16, shape 7: a handler that uses one forbidden type at many places is one decision, so one
    /// diagnostic (at the first reference, every other reference an additional location the IDE marks too).
    /// </summary>
    [Fact]
    public async Task A_forbidden_type_used_many_times_in_one_member_is_one_diagnostic()
    {
        var test = Verifier.Create(LayerSources.Config, """
            using Shop.Infrastructure;

            namespace Shop.Domain.Orders
            {
                public class Handler
                {
                    public int Handle({|#0:Db|} db)
                    {
                        var created = {|#1:Db|}.Create();
                        created.{|#2:Save|}();
                        db.{|#3:Save|}();
                        var total = {|#4:Db|}.Count + {|#5:Db|}.Max + created.{|#6:Id|} + db.{|#7:Id|};
                        Shop.Shared.Sink.Take({|#8:new()|});
                        return total;
                    }
                }
            }
            """, LayerSources.Targets);
        var expected = Verifier.Diagnostic("AG1001");
        for (var i = 0; i <= 8; i++)
        {
            expected = expected.WithLocation(i);
        }

        test.ExpectedDiagnostics.Add(expected.WithArguments(
            "Shop.Domain.Orders.Handler", "Domain", "Shop.Infrastructure.Db", "Infrastructure", "nothing outside itself", "Domain"));
        await test.RunAsync();
    }

    /// <summary>The twin of the grouping: another member, or another forbidden type in the same member, is another decision.</summary>
    [Fact]
    public async Task Each_member_and_each_forbidden_type_is_its_own_diagnostic()
    {
        var test = Verifier.Create(LayerSources.Config, """
            using Shop.Infrastructure;

            namespace Shop.Domain.Orders
            {
                public class Handler : {|#0:Base|}
                {
                    public int First() => {|#1:Db|}.Count + {|#2:Db|}.Max;
                    public int Second() => {|#3:Db|}.Count + (int){|#4:Kind|}.B;
                    public object Third => {|#5:Db|}.Create();
                }
            }
            """, LayerSources.Targets);
        DiagnosticResult Expected(string target, params int[] markers)
        {
            var result = Verifier.Diagnostic("AG1001");
            foreach (var marker in markers)
            {
                result = result.WithLocation(marker);
            }

            return result.WithArguments(
                "Shop.Domain.Orders.Handler", "Domain", "Shop.Infrastructure." + target, "Infrastructure", "nothing outside itself", "Domain");
        }

        test.ExpectedDiagnostics.Add(Expected("Base", 0));
        test.ExpectedDiagnostics.Add(Expected("Db", 1, 2));
        test.ExpectedDiagnostics.Add(Expected("Db", 3));
        test.ExpectedDiagnostics.Add(Expected("Kind", 4));
        test.ExpectedDiagnostics.Add(Expected("Db", 5));
        await test.RunAsync();
    }

    [Fact]
    public async Task Incomplete_code_does_not_throw_or_report_unbound_names()
    {
        var test = Verifier.Create(LayerSources.Config, """
            using Shop.Infrastructure;
            using static Shop.Infrastructure.Missing;

            namespace Shop.Domain.Orders
            {
                public class Order : Unknown, {|#0:IStore|}
                {
                    private Missing _m;
                    public void M()
                    {
                        var x = new Nope();
                        {|#1:Db|}.
                        Db2.Create(;
                        x.Whatever().Save();
                        new();
                        Shop.Shared.Sink.Take({|#2:new(1, 2, 3)|});
                    }
                    public Db<int, int> Wrong;
                }
            }
            """, LayerSources.Targets);
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG1001").WithLocation(0).WithArguments(
            "Shop.Domain.Orders.Order", "Domain", "Shop.Infrastructure.IStore", "Infrastructure", "nothing outside itself", "Domain"));
        // Both uses of Db are in M: one diagnostic, the second site an additional location.
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG1001").WithLocation(1).WithLocation(2).WithArguments(
            "Shop.Domain.Orders.Order", "Domain", "Shop.Infrastructure.Db", "Infrastructure", "nothing outside itself", "Domain"));
        await test.RunAsync();
    }

    [Fact]
    public async Task No_layers_configured_is_silent()
    {
        await Verifier.Create(null, Source(Cases["object creation"], "Shop.Domain.Orders").Replace("{|#0:", "").Replace("|}", ""), LayerSources.Targets).RunAsync();
    }

    private static string Source(Case @case, string ns) => $$"""
        using System;
        using Shop.Infrastructure;
        {{@case.Usings}}

        namespace {{ns}}
        {
            {{@case.Body}}
        }
        """;

    private static string StripMarkup(string source) => Regex.Replace(source, @"\{\|#\d+:(.*?)\|\}", "$1");
}
