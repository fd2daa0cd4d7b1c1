using System.Globalization;
using Google.OrTools.LinearSolver;

namespace Ammeindsats.Core.Tests.Disclosure;

/// <summary>One figure of a threshold indicator as an attacker meets it: published, or withheld with its true counts known only to the test.</summary>
/// <param name="Threshold">The threshold in days; the figures of one area, period and breakdown at different thresholds describe the same children.</param>
public sealed record AttackFigure(string Area, string Period, string Breakdown, int Threshold, int Numerator, int Denominator, bool Published);

/// <summary>
/// A sum an attacker can rely on: the parent's counts are the members' counts added up, at every threshold and
/// breakdown of the period. With <paramref name="Remainder"/>, children outside the members (no municipality,
/// say) make up the rest, an unknown that is itself protected.
/// </summary>
public sealed record AreaSum(string Parent, string Period, IReadOnlyList<string> Members, bool Remainder);

/// <summary>A protected count whose feasible range is narrower than the protection width.</summary>
public sealed record AttackFinding(string What, int TrueValue, double Lower, double Upper)
{
    public double Width => Upper - Lower;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{What}: true {TrueValue}, feasible {Lower:0.##}..{Upper:0.##}");
}

public sealed record AttackReport(int Protected, IReadOnlyList<AttackFinding> Findings, int LinearPrograms, TimeSpan Elapsed)
{
    /// <summary>Findings whose range is a single value: the count is recovered exactly.</summary>
    public int Exact => Findings.Count(f => f.Width < 0.5);
}

/// <summary>
/// The interval attack on a family of threshold indicators: every published count fixed, every sum the structure
/// implies (region = its municipalities, all children = first-born + later-born + unknown parity), non-negativity,
/// and the inequalities between thresholds of the same children: with T &lt; U, N(U) ≤ N(T) (who reached U reached
/// T), D(U) ≤ D(T) (the children censored between T and U leave the denominator) and D(U) − N(U) ≥ D(T) − N(T)
/// (who stopped before T stopped before U). For every protected count (a true count, total, remainder or
/// difference between two thresholds from 1 to threshold − 1) the linear programme (GLOP) finds the least and
/// the greatest value consistent with all of that; a range narrower than the protection width is a finding.
/// </summary>
/// <remarks>
/// The linear relaxation gives an attacker at least as wide a range as integer reasoning would, so a finding is
/// real; rounding the bounds inwards to integers is what an attacker would do, and is done here.
/// </remarks>
public sealed class IntervalAttack(int threshold = 5, int width = 4)
{
    public const string AllChildren = "";
    public const string FirstBorn = "parity-1";
    public const string LaterBorn = "parity-2plus";
    public const string ParityRest = "attack:rest-parity";

    private sealed class Cell
    {
        public required string Name;
        public int[] N = [];
        public int[] D = [];
        public int[]? TrueN;
        public int[]? TrueD;
    }

    // A linear expression over the variables of one period: constant plus sparse terms.
    private sealed class Expr
    {
        public double Constant;
        public readonly Dictionary<int, double> Terms = [];

        public Expr Add(Expr other, double factor)
        {
            Constant += factor * other.Constant;
            foreach (var (v, c) in other.Terms)
            {
                Terms[v] = Terms.GetValueOrDefault(v) + (factor * c);
                if (Terms[v] == 0)
                {
                    Terms.Remove(v);
                }
            }

            return this;
        }
    }

    public AttackReport Run(IEnumerable<AttackFigure> figures, IEnumerable<AreaSum> sums)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var all = figures.ToList();
        var thresholds = all.Select(f => f.Threshold).Distinct().Order().ToArray();
        var sumsByPeriod = sums.GroupBy(s => s.Period).ToDictionary(g => g.Key, g => g.ToList());
        var findings = new List<AttackFinding>();
        var protectedCount = 0;
        var programs = 0;
        foreach (var period in all.GroupBy(f => f.Period).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var (p, f, lp) = RunPeriod(period.Key, period.ToList(), sumsByPeriod.GetValueOrDefault(period.Key) ?? [], thresholds);
            protectedCount += p;
            findings.AddRange(f);
            programs += lp;
        }

        return new AttackReport(protectedCount, findings, programs, started.Elapsed);
    }

    private (int Protected, List<AttackFinding> Findings, int Programs) RunPeriod(
        string period, List<AttackFigure> figures, List<AreaSum> sums, int[] thresholds)
    {
        var k = thresholds.Length;
        var tIndex = thresholds.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        var variables = new List<string>();
        var constants = new List<double?>();

        int NewVar(string name, double? value)
        {
            variables.Add(name);
            constants.Add(value);
            return variables.Count - 1;
        }

        var cells = new Dictionary<(string Area, string Breakdown), Cell>();
        foreach (var group in figures.GroupBy(f => (f.Area, f.Breakdown)))
        {
            var cell = new Cell { Name = $"{group.Key.Area}/{period}/{group.Key.Breakdown}", N = new int[k], D = new int[k], TrueN = new int[k], TrueD = new int[k] };
            var byT = group.ToDictionary(f => tIndex[f.Threshold]);
            for (var t = 0; t < k; t++)
            {
                if (byT.TryGetValue(t, out var f))
                {
                    cell.N[t] = NewVar($"N {cell.Name} @{thresholds[t]}", f.Published ? f.Numerator : null);
                    cell.D[t] = NewVar($"D {cell.Name} @{thresholds[t]}", f.Published ? f.Denominator : null);
                    if (cell.TrueN is not null && cell.TrueD is not null)
                    {
                        cell.TrueN[t] = f.Numerator;
                        cell.TrueD[t] = f.Denominator;
                    }
                }
                else
                {
                    // A threshold this area has no figure for: the children are there, their counts unknown.
                    cell.N[t] = NewVar($"N {cell.Name} @{thresholds[t]}", null);
                    cell.D[t] = NewVar($"D {cell.Name} @{thresholds[t]}", null);
                    cell.TrueN = null;
                    cell.TrueD = null;
                }
            }

            cells[group.Key] = cell;
        }

        var equalities = new List<Expr>();
        var inequalities = new List<Expr>(); // expr ≥ 0
        Expr V(int v) => constants[v] is { } c ? new Expr { Constant = c } : new Expr { Terms = { [v] = 1 } };

        // parent = Σ members (+ remainder), for numerators and denominators at every threshold.
        Cell? AddSum(Cell parent, IReadOnlyList<Cell> members, string? remainderName)
        {
            Cell? rest = null;
            if (remainderName is not null)
            {
                rest = new Cell { Name = remainderName, N = new int[k], D = new int[k] };
                if (parent.TrueN is not null && members.All(m => m.TrueN is not null))
                {
                    rest.TrueN = new int[k];
                    rest.TrueD = new int[k];
                }

                for (var t = 0; t < k; t++)
                {
                    rest.N[t] = NewVar($"N {remainderName} @{thresholds[t]}", null);
                    rest.D[t] = NewVar($"D {remainderName} @{thresholds[t]}", null);
                    if (rest.TrueN is not null)
                    {
                        rest.TrueN[t] = parent.TrueN![t] - members.Sum(m => m.TrueN![t]);
                        rest.TrueD![t] = parent.TrueD![t] - members.Sum(m => m.TrueD![t]);
                    }
                }
            }

            for (var t = 0; t < k; t++)
            {
                foreach (var pick in new Func<Cell, int>[] { c => c.N[t], c => c.D[t] })
                {
                    var e = V(pick(parent));
                    foreach (var m in members)
                    {
                        e.Add(V(pick(m)), -1);
                    }

                    if (rest is not null)
                    {
                        e.Add(V(pick(rest)), -1);
                    }

                    equalities.Add(e);
                }
            }

            return rest;
        }

        // Areas: each breakdown of the parent is the sum of the same breakdown of its members.
        var breakdowns = cells.Keys.Select(c => c.Breakdown).Distinct().ToList();
        foreach (var sum in sums)
        {
            foreach (var b in breakdowns)
            {
                if (!cells.TryGetValue((sum.Parent, b), out var parent))
                {
                    continue;
                }

                var members = sum.Members.Where(m => cells.ContainsKey((m, b))).Select(m => cells[(m, b)]).ToList();
                if (members.Count == 0)
                {
                    continue;
                }

                var restArea = $"{sum.Parent}:attack-rest";
                var rest = AddSum(parent, members, sum.Remainder ? $"{restArea}/{period}/{b}" : null);
                if (rest is not null)
                {
                    cells[(restArea, b)] = rest;
                }
            }
        }

        // Breakdowns: all children = first-born + later-born + unknown parity, for areas and area remainders alike.
        foreach (var area in cells.Keys.Select(c => c.Area).Distinct().ToList())
        {
            if (!cells.TryGetValue((area, AllChildren), out var total))
            {
                continue;
            }

            var parts = new[] { FirstBorn, LaterBorn }.Where(b => cells.ContainsKey((area, b))).Select(b => cells[(area, b)]).ToList();
            if (parts.Count == 0)
            {
                continue;
            }

            var rest = AddSum(total, parts, $"{area}/{period}/{ParityRest}")!;
            cells[(area, ParityRest)] = rest;
        }

        // Every cell, remainders included, is a set of children: 0 ≤ N ≤ D, and the threshold inequalities.
        foreach (var cell in cells.Values)
        {
            for (var t = 0; t < k; t++)
            {
                inequalities.Add(V(cell.D[t]).Add(V(cell.N[t]), -1));
                if (t + 1 < k)
                {
                    inequalities.Add(V(cell.N[t]).Add(V(cell.N[t + 1]), -1));
                    inequalities.Add(V(cell.D[t]).Add(V(cell.D[t + 1]), -1));
                    inequalities.Add(V(cell.D[t + 1]).Add(V(cell.N[t + 1]), -1).Add(V(cell.D[t]), -1).Add(V(cell.N[t]), 1));
                }
            }
        }

        // The protected counts.
        var targets = new List<(string What, int True, Expr Expr)>();
        foreach (var cell in cells.Values.Where(c => c.TrueN is not null).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var tn = cell.TrueN!;
            var td = cell.TrueD!;
            for (var t = 0; t < k; t++)
            {
                var at = $"@{thresholds[t]}";
                targets.Add(($"numerator {cell.Name} {at}", tn[t], V(cell.N[t])));
                targets.Add(($"denominator {cell.Name} {at}", td[t], V(cell.D[t])));
                targets.Add(($"denominator − numerator {cell.Name} {at}", td[t] - tn[t], V(cell.D[t]).Add(V(cell.N[t]), -1)));
                for (var u = t + 1; u < k; u++)
                {
                    var between = $"{thresholds[t]}..{thresholds[u]}";
                    targets.Add(($"reached {thresholds[t]} not {thresholds[u]} {cell.Name}", tn[t] - tn[u], V(cell.N[t]).Add(V(cell.N[u]), -1)));
                    targets.Add(($"censored {between} {cell.Name}", td[t] - td[u], V(cell.D[t]).Add(V(cell.D[u]), -1)));
                    targets.Add(($"stopped {between} {cell.Name}", (td[u] - tn[u]) - (td[t] - tn[t]),
                        V(cell.D[u]).Add(V(cell.N[u]), -1).Add(V(cell.D[t]), -1).Add(V(cell.N[t]), 1)));
                }
            }
        }

        var protectedTargets = targets.Where(x => x.True >= 1 && x.True <= threshold - 1).ToList();
        var findings = new List<AttackFinding>();
        var programs = 0;

        // The programme falls apart into independent blocks (an area whose figures are all published is a block
        // of its own remainders, say): each block is solved on its own, and a target over several blocks is the
        // sum of its parts.
        var root = Enumerable.Range(0, variables.Count).ToArray();
        int Find(int v) => root[v] == v ? v : root[v] = Find(root[v]);
        foreach (var e in equalities.Concat(inequalities))
        {
            var first = -1;
            foreach (var v in e.Terms.Keys)
            {
                if (first < 0)
                {
                    first = Find(v);
                }
                else
                {
                    root[Find(v)] = first;
                }
            }
        }

        var blocks = new Dictionary<int, (Solver Solver, Variable?[] Vars)>();
        (Solver Solver, Variable?[] Vars) Block(int r)
        {
            if (!blocks.TryGetValue(r, out var block))
            {
                bool In(Expr e) => e.Terms.Count > 0 && Find(e.Terms.Keys.First()) == r;
                var solver = BuildSolver(variables, constants.Select((c, i) => c is null && Find(i) == r ? null : (double?)0).ToList(),
                    equalities.Where(In).ToList(), inequalities.Where(In).ToList(), out var vars);
                blocks[r] = block = (solver, vars);
            }

            return block;
        }

        foreach (var (what, truth, expr) in protectedTargets)
        {
            double lower = expr.Constant, upper = expr.Constant;
            foreach (var part in expr.Terms.GroupBy(t => Find(t.Key)))
            {
                var partExpr = new Expr();
                foreach (var (v, c) in part)
                {
                    partExpr.Terms[v] = c;
                }

                var (solver, vars) = Block(part.Key);
                lower += Optimise(solver, vars, partExpr, maximise: false);
                upper += Optimise(solver, vars, partExpr, maximise: true);
                programs += 2;
            }

            // An attacker rounds inwards: the counts are integers.
            var lo = Math.Ceiling(lower - 1e-6);
            var hi = Math.Floor(upper + 1e-6);
            if (hi - lo < width)
            {
                findings.Add(new AttackFinding(what, truth, lo, hi));
            }
        }

        foreach (var block in blocks.Values)
        {
            block.Solver.Dispose();
        }

        return (protectedTargets.Count, findings, programs);
    }

    private static Solver BuildSolver(List<string> names, List<double?> constants, List<Expr> equalities, List<Expr> inequalities, out Variable?[] lpVars)
    {
        lpVars = new Variable?[names.Count];
        var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available.");
        for (var i = 0; i < names.Count; i++)
        {
            if (constants[i] is null)
            {
                lpVars[i] = solver.MakeNumVar(0, double.PositiveInfinity, names[i]);
            }
        }

        foreach (var e in equalities.Where(e => e.Terms.Count > 0))
        {
            var c = solver.MakeConstraint(-e.Constant, -e.Constant);
            foreach (var (v, coef) in e.Terms)
            {
                c.SetCoefficient(lpVars[v], coef);
            }
        }

        foreach (var e in inequalities.Where(e => e.Terms.Count > 0))
        {
            var c = solver.MakeConstraint(-e.Constant, double.PositiveInfinity);
            foreach (var (v, coef) in e.Terms)
            {
                c.SetCoefficient(lpVars[v], coef);
            }
        }

        return solver;
    }

    private static double Optimise(Solver solver, Variable?[] lpVars, Expr expr, bool maximise)
    {
        var objective = solver.Objective();
        objective.Clear();
        foreach (var (v, coef) in expr.Terms)
        {
            objective.SetCoefficient(lpVars[v], coef);
        }

        objective.SetOffset(expr.Constant);
        if (maximise)
        {
            objective.SetMaximization();
        }
        else
        {
            objective.SetMinimization();
        }

        var status = solver.Solve();
        return status switch
        {
            Solver.ResultStatus.OPTIMAL => objective.Value(),
            Solver.ResultStatus.UNBOUNDED => maximise ? double.PositiveInfinity : double.NegativeInfinity,
            _ => throw new InvalidOperationException($"The attack's linear programme ended {status}: the published figures contradict the structure."),
        };
    }
}
