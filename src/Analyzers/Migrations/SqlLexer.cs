using System;
using System.Collections.Generic;
using System.Text;

namespace ArchGate.Analyzers.Migrations;

/// <summary>
/// A small SQL lexer: drops comments and string literals, splits statements on ';', returns each
/// statement's words upper-cased (quoted identifiers without their quotes, dotted names kept whole).
/// </summary>
internal static class SqlLexer
{
    public static List<List<string>> Statements(string sql)
    {
        var statements = new List<List<string>>();
        var current = new List<string>();
        var word = new StringBuilder();

        void Flush()
        {
            if (word.Length > 0)
            {
                current.Add(word.ToString().ToUpperInvariant());
                word.Clear();
            }
        }

        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                Flush();
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                Flush();
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                continue;
            }

            if (c == '\'')
            {
                Flush();
                i++;
                while (i < sql.Length)
                {
                    if (sql[i] == '\'')
                    {
                        if (i + 1 < sql.Length && sql[i + 1] == '\'')
                        {
                            i += 2;
                            continue;
                        }

                        break;
                    }

                    i++;
                }

                i++;
                current.Add("'...'");
                continue;
            }

            if (c == '$')
            {
                // PostgreSQL dollar quoting: $tag$ ... $tag$
                var close = sql.IndexOf('$', i + 1);
                if (close > i && IsTag(sql, i + 1, close))
                {
                    Flush();
                    var tag = sql.Substring(i, close - i + 1);
                    var end = sql.IndexOf(tag, close + 1, StringComparison.Ordinal);
                    i = end < 0 ? sql.Length : end + tag.Length;
                    current.Add("'...'");
                    continue;
                }
            }

            if (c == '"' || c == '[' || c == '`')
            {
                var closing = c == '[' ? ']' : c;
                var end = sql.IndexOf(closing, i + 1);
                if (end < 0)
                {
                    end = sql.Length;
                }

                // Quoted identifiers are names, never keywords: mark them so they cannot match one.
                word.Append('"').Append(sql, i + 1, Math.Max(0, end - i - 1)).Append('"');
                i = end + 1;
                continue;
            }

            if (c == ';')
            {
                Flush();
                if (current.Count > 0)
                {
                    statements.Add(current);
                    current = new List<string>();
                }

                i++;
                continue;
            }

            if (char.IsLetterOrDigit(c) || c == '_' || c == '.')
            {
                word.Append(c);
            }
            else
            {
                Flush();
            }

            i++;
        }

        Flush();
        if (current.Count > 0)
        {
            statements.Add(current);
        }

        // Quoted names compare without their quotes once words are split.
        foreach (var statement in statements)
        {
            for (var k = 0; k < statement.Count; k++)
            {
                if (statement[k].IndexOf('"') >= 0 && statement[k] != "'...'")
                {
                    statement[k] = "\u0001" + statement[k].Replace("\"", string.Empty);
                }
            }
        }

        return statements;
    }

    private static bool IsTag(string sql, int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            if (!(char.IsLetterOrDigit(sql[k]) || sql[k] == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
