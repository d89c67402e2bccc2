using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Conventions.EntityEndpointAnalyzer>;

namespace ArchGate.Tests.Conventions;

public class EntityEndpointTests
{
    private const string Model = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Http.HttpResults;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;

        namespace Shop
        {
            public class Order { public int Id { get; set; } public string Secret { get; set; } = ""; }
            public class Customer { public int Id { get; set; } }
            public record OrderDto(int Id);

            public class ShopDbContext : DbContext
            {
                public ShopDbContext(DbContextOptions<ShopDbContext> options) : base(options) { }
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<Customer> Customers { get; set; } = null!;
            }
        }

        """;

    [Fact]
    public async Task Controller_actions_returning_entities_are_reported_at_the_return_type()
    {
        var source = Model + """
            namespace Shop.Api
            {
                [ApiController]
                [Route("orders")]
                public sealed class OrdersController : ControllerBase
                {
                    private readonly ShopDbContext _db;
                    public OrdersController(ShopDbContext db) => _db = db;

                    [HttpGet] public async {|#0:Task<List<Order>>|} All() => await _db.Orders.ToListAsync();
                    [HttpGet("{id}")] public {|#1:ActionResult<Order>|} One(int id) => _db.Orders.Find(id)!;
                    [HttpGet("c")] public {|#2:IEnumerable<Customer>|} Customers() => _db.Customers;
                    [HttpGet("a")] public {|#3:Order[]|} Array() => _db.Orders.ToArray();
                }
            }
            """;
        await Verifier.AnalyzerAsync(source, null,
            Verifier.Diagnostic("AG7003").WithLocation(0).WithArguments("OrdersController.All", "Shop.Order", "exposed as DbSet<Order> on ShopDbContext", " as Task<List<Order>>", "Order"),
            Verifier.Diagnostic("AG7003").WithLocation(1),
            Verifier.Diagnostic("AG7003").WithLocation(2),
            Verifier.Diagnostic("AG7003").WithLocation(3));
    }

    [Fact]
    public async Task Untyped_results_are_checked_through_what_they_wrap()
    {
        var source = Model + """
            namespace Shop.Api
            {
                public sealed class OrdersController : ControllerBase
                {
                    private readonly ShopDbContext _db;
                    public OrdersController(ShopDbContext db) => _db = db;

                    public IActionResult Get(int id) => Ok({|#0:_db.Orders.Find(id)|});
                    public async Task<IActionResult> Create(Order order) { await _db.SaveChangesAsync(); return CreatedAtAction("Get", new { id = order.Id }, {|#1:order|}); }
                    public IActionResult Dto(int id) => Ok(new OrderDto(id));
                    public IActionResult Raw() => new ObjectResult({|#2:_db.Orders.ToList()|});
                }
            }
            """;
        await Verifier.AnalyzerAsync(source, null,
            Verifier.Diagnostic("AG7003").WithLocation(0),
            Verifier.Diagnostic("AG7003").WithLocation(1),
            Verifier.Diagnostic("AG7003").WithLocation(2));
    }

    [Fact]
    public async Task Result_values_count_in_local_functions_of_untyped_actions_only()
    {
        // A typed action is reported once, at its return type, not again at Ok(...); result values in
        // helpers that are not actions stay silent; a local function of an untyped action is its code.
        var source = Model + """
            namespace Shop.Api
            {
                public sealed class OrdersController : ControllerBase
                {
                    private readonly ShopDbContext _db;
                    public OrdersController(ShopDbContext db) => _db = db;

                    public {|#0:ActionResult<Order>|} Typed(int id) => Ok(_db.Orders.Find(id));
                    public IActionResult Local(int id)
                    {
                        return Wrap();
                        IActionResult Wrap() => Ok({|#1:_db.Orders.Find(id)|});
                    }

                    private IActionResult Helper(int id) => Ok(_db.Orders.Find(id));
                    public static IActionResult Static(Order order) => new OkObjectResult(order);
                    public IResult Minimal(int id) => Results.Ok({|#2:_db.Orders.Find(id)|});
                    public IActionResult ViaHelper(int id) => Helper(id);
                }

                public sealed class OrderQueries // not a controller: no base, no attribute, no *Controller name
                {
                    public IResult Get(ShopDbContext db, int id) => Results.Ok(db.Orders.Find(id));
                }
            }
            """;
        await Verifier.AnalyzerAsync(source, null,
            Verifier.Diagnostic("AG7003").WithLocation(0),
            Verifier.Diagnostic("AG7003").WithLocation(1).WithArguments("OrdersController.Local", "Shop.Order", "exposed as DbSet<Order> on ShopDbContext", " through Ok(...)", "Order"),
            Verifier.Diagnostic("AG7003").WithLocation(2).WithArguments("OrdersController.Minimal", "Shop.Order", "exposed as DbSet<Order> on ShopDbContext", " through Ok(...)", "Order"));
    }

    [Fact]
    public async Task Poco_controllers_are_controllers_NonController_is_not()
    {
        // One controller definition for every endpoint rule (Common/Controllers.cs), as MVC discovers them.
        var source = Model + """
            namespace Shop.Api
            {
                public sealed class OrdersController
                {
                    public {|#0:Order?|} Get(ShopDbContext db, int id) => db.Orders.Find(id);
                }

                [NonController]
                public sealed class LegacyController
                {
                    public Order? Get(ShopDbContext db, int id) => db.Orders.Find(id);
                }
            }
            """;
        await Verifier.AnalyzerAsync(source, null, Verifier.Diagnostic("AG7003").WithLocation(0));
    }

    [Fact]
    public async Task Minimal_api_handlers_returning_entities_are_reported()
    {
        var source = Model + """
            namespace Shop.Api
            {
                public static class Endpoints
                {
                    public static void Map(WebApplication app)
                    {
                        app.MapGet("/orders", {|#0:(ShopDbContext db) => db.Orders.ToListAsync()|});
                        app.MapGet("/orders/{id}", {|#1:async (int id, ShopDbContext db) => TypedResults.Ok(await db.Orders.FindAsync(id))|});
                        app.MapGet("/customers/{id}", (int id, ShopDbContext db) => Results.Ok({|#2:db.Customers.Find(id)|}));
                        app.MapGet("/dto", (ShopDbContext db) => db.Orders.Select(o => new OrderDto(o.Id)).ToListAsync());
                        app.MapGet("/dto2", (int id) => TypedResults.Ok(new OrderDto(id)));
                        app.MapGet("/count", (ShopDbContext db) => db.Orders.Count());
                    }
                }
            }
            """;
        await Verifier.AnalyzerAsync(source, null,
            Verifier.Diagnostic("AG7003").WithLocation(0).WithArguments("MapGet \"/orders\"", "Shop.Order", "exposed as DbSet<Order> on ShopDbContext", " as Task<List<Order>>", "Order"),
            Verifier.Diagnostic("AG7003").WithLocation(1),
            Verifier.Diagnostic("AG7003").WithLocation(2));
    }

    [Fact]
    public async Task Dtos_non_actions_and_non_controllers_stay_silent()
    {
        var source = Model + """
            namespace Shop.Api
            {
                public sealed class OrdersController : ControllerBase
                {
                    private readonly ShopDbContext _db;
                    public OrdersController(ShopDbContext db) => _db = db;

                    public Task<List<OrderDto>> All() => _db.Orders.Select(o => new OrderDto(o.Id)).ToListAsync();
                    [NonAction] public Order Load(int id) => _db.Orders.Find(id)!;
                    private Order Hidden(int id) => _db.Orders.Find(id)!;
                    public static Order Helper(Order o) => o;
                    public int Count() => _db.Orders.Count();
                }

                public sealed class OrderService
                {
                    public Order Get(ShopDbContext db, int id) => db.Orders.Find(id)!;
                }
            }
            """;
        await Verifier.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Entity_types_from_archgate_json_are_recognised()
    {
        const string config = """{ "api": { "entityTypes": ["Shop.Legacy.*Row"] } }""";
        var source = Model + """
            namespace Shop.Legacy
            {
                public class InvoiceRow { public int Id { get; set; } }
                public class InvoiceView { public int Id { get; set; } }

                public sealed class InvoicesController : Microsoft.AspNetCore.Mvc.ControllerBase
                {
                    public {|#0:InvoiceRow|} Get() => new InvoiceRow();
                    public InvoiceView View() => new InvoiceView();
                }
            }
            """;
        await Verifier.AnalyzerAsync(source, config,
            Verifier.Diagnostic("AG7003").WithLocation(0).WithArguments("InvoicesController.Get", "Shop.Legacy.InvoiceRow", "matched by archgate.json: api.entityTypes", " as InvoiceRow", "InvoiceRow"));
    }
}
