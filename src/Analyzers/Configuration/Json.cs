using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Analyzers.Configuration;

internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
    /// <summary>A value that could not be read; a syntax error was reported for it.</summary>
    Invalid,
}

/// <summary>A JSON value with the span it occupies in the file.</summary>
internal sealed class JsonValue
{
    public JsonValue(JsonKind kind, TextSpan span, string? text = null,
        ImmutableArray<JsonProperty> properties = default, ImmutableArray<JsonValue> items = default)
    {
        Kind = kind;
        Span = span;
        Text = text;
        Properties = properties.IsDefault ? ImmutableArray<JsonProperty>.Empty : properties;
        Items = items.IsDefault ? ImmutableArray<JsonValue>.Empty : items;
    }

    public JsonKind Kind { get; }

    public TextSpan Span { get; }

    /// <summary>The decoded string of a <see cref="JsonKind.String"/>, the literal text of a number.</summary>
    public string? Text { get; }

    /// <summary>An object's properties in file order (duplicates kept: the binder reports them).</summary>
    public ImmutableArray<JsonProperty> Properties { get; }

    public ImmutableArray<JsonValue> Items { get; }

    public static string KindName(JsonKind kind) => kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.True or JsonKind.False => "a boolean",
        JsonKind.Null => "null",
        _ => "an invalid value",
    };
}

internal sealed class JsonProperty
{
    public JsonProperty(string name, TextSpan nameSpan, JsonValue value)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
    }

    public string Name { get; }

    public TextSpan NameSpan { get; }

    public JsonValue Value { get; }
}

internal readonly struct JsonError
{
    public JsonError(string message, TextSpan span)
    {
        Message = message;
        Span = span;
    }

    public string Message { get; }

    public TextSpan Span { get; }
}

/// <summary>
/// A small JSON reader compiled into the analyzer (no runtime dependency): accepts <c>//</c> and
/// <c>/* */</c> comments and trailing commas, records the span of every value, and recovers from
/// errors so that every problem in the file is reported, not just the first.
/// </summary>
internal sealed class JsonParser
{
    /// <summary>Nesting deeper than this is reported instead of recursing (no stack overflow on hostile input).</summary>
    public const int MaxDepth = 64;

    private readonly string _text;
    private readonly List<JsonError> _errors = new();
    private int _pos;

    private JsonParser(string text) => _text = text;

    public static JsonValue? Parse(string text, out ImmutableArray<JsonError> errors)
    {
        var parser = new JsonParser(text);
        JsonValue? root = null;
        parser.SkipTrivia();
        if (parser._pos >= text.Length)
        {
            parser._errors.Add(new JsonError("the file is empty; it must contain a JSON object", new TextSpan(0, 0)));
        }
        else
        {
            root = parser.ParseValue(0);
            parser.SkipTrivia();
            if (parser._pos < text.Length)
            {
                parser._errors.Add(new JsonError("unexpected content after the end of the top-level value", new TextSpan(parser._pos, 1)));
            }
        }

        errors = parser._errors.ToImmutableArray();
        return root;
    }

    private JsonValue ParseValue(int depth)
    {
        SkipTrivia();
        if (_pos >= _text.Length)
        {
            return Error("unexpected end of file, a value was expected", _pos, 0);
        }

        var c = _text[_pos];
        switch (c)
        {
            case '{':
                return depth >= MaxDepth ? SkipTooDeep() : ParseObject(depth);
            case '[':
                return depth >= MaxDepth ? SkipTooDeep() : ParseArray(depth);
            case '"':
                return ParseString();
            case '\'':
                return Error("strings must use double quotes (\")", _pos, 1, skipToken: true);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ParseNumber();
                }

                if (char.IsLetter(c))
                {
                    var start = _pos;
                    while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
                    {
                        _pos++;
                    }

                    var word = _text.Substring(start, _pos - start);
                    var span = new TextSpan(start, _pos - start);
                    return word switch
                    {
                        "true" => new JsonValue(JsonKind.True, span),
                        "false" => new JsonValue(JsonKind.False, span),
                        "null" => new JsonValue(JsonKind.Null, span),
                        _ => ErrorAt($"unexpected word '{Truncate(word)}'; strings must be in double quotes", span),
                    };
                }

                return Error($"unexpected character '{Printable(c)}', a value was expected", _pos, 1, skipToken: true);
        }
    }

    private JsonValue SkipTooDeep()
    {
        var start = _pos;
        var depth = 0;
        var inString = false;
        for (; _pos < _text.Length; _pos++)
        {
            var c = _text[_pos];
            if (inString)
            {
                if (c == '\\')
                {
                    _pos++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
            }
            else if (c == '{' || c == '[')
            {
                depth++;
            }
            else if ((c == '}' || c == ']') && --depth == 0)
            {
                _pos++;
                break;
            }
        }

        return ErrorAt($"values are nested deeper than {MaxDepth} levels", new TextSpan(start, 1));
    }

    private JsonValue ParseObject(int depth)
    {
        var start = _pos;
        _pos++; // {
        var properties = ImmutableArray.CreateBuilder<JsonProperty>();
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                _errors.Add(new JsonError("unexpected end of file, '}' expected to close the object", new TextSpan(start, 1)));
                break;
            }

            if (_text[_pos] == '}')
            {
                _pos++;
                break;
            }

            if (_text[_pos] != '"')
            {
                // Recover: skip to the next ',' or '}' at this level.
                var badStart = _pos;
                var isWord = char.IsLetter(_text[_pos]) || _text[_pos] == '_';
                _errors.Add(new JsonError(
                    isWord ? "property names must be in double quotes" : $"unexpected character '{Printable(_text[_pos])}', a property name in double quotes was expected",
                    new TextSpan(badStart, 1)));
                if (!SkipToRecoveryPoint('}'))
                {
                    break;
                }

                continue;
            }

            var nameValue = ParseString();
            var name = nameValue.Text ?? string.Empty;
            SkipTrivia();
            if (_pos < _text.Length && _text[_pos] == ':')
            {
                _pos++;
            }
            else
            {
                _errors.Add(new JsonError($"':' expected after the property name \"{Truncate(name)}\"", new TextSpan(Math.Min(_pos, _text.Length), 0)));
            }

            var value = ParseValue(depth + 1);
            properties.Add(new JsonProperty(name, nameValue.Span, value));
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                _errors.Add(new JsonError("unexpected end of file, '}' expected to close the object", new TextSpan(start, 1)));
                break;
            }

            if (_text[_pos] == ',')
            {
                _pos++;
                continue; // a trailing comma before '}' is accepted
            }

            if (_text[_pos] == '}')
            {
                _pos++;
                break;
            }

            _errors.Add(new JsonError("',' or '}' expected after a property value", new TextSpan(_pos, 0)));
            if (_text[_pos] != '"' && !SkipToRecoveryPoint('}'))
            {
                break;
            }
        }

        return new JsonValue(JsonKind.Object, TextSpan.FromBounds(start, _pos), properties: properties.ToImmutable());
    }

    private JsonValue ParseArray(int depth)
    {
        var start = _pos;
        _pos++; // [
        var items = ImmutableArray.CreateBuilder<JsonValue>();
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                _errors.Add(new JsonError("unexpected end of file, ']' expected to close the array", new TextSpan(start, 1)));
                break;
            }

            if (_text[_pos] == ']')
            {
                _pos++;
                break;
            }

            if (_text[_pos] == '}' || _text[_pos] == ',')
            {
                _errors.Add(new JsonError($"unexpected '{_text[_pos]}', a value or ']' was expected", new TextSpan(_pos, 1)));
                if (_text[_pos] == '}')
                {
                    break; // let the enclosing object consume it
                }

                _pos++;
                continue;
            }

            items.Add(ParseValue(depth + 1));
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                _errors.Add(new JsonError("unexpected end of file, ']' expected to close the array", new TextSpan(start, 1)));
                break;
            }

            if (_text[_pos] == ',')
            {
                _pos++;
                continue;
            }

            if (_text[_pos] == ']')
            {
                _pos++;
                break;
            }

            _errors.Add(new JsonError("',' or ']' expected after an array item", new TextSpan(_pos, 0)));
            if (_text[_pos] == '}')
            {
                break;
            }
        }

        return new JsonValue(JsonKind.Array, TextSpan.FromBounds(start, _pos), items: items.ToImmutable());
    }

    private JsonValue ParseString()
    {
        var start = _pos;
        _pos++; // "
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n' || _text[_pos] == '\r')
            {
                _errors.Add(new JsonError("unterminated string", new TextSpan(start, 1)));
                return new JsonValue(JsonKind.String, TextSpan.FromBounds(start, _pos), sb.ToString());
            }

            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return new JsonValue(JsonKind.String, TextSpan.FromBounds(start, _pos), sb.ToString());
            }

            if (c == '\\')
            {
                if (_pos + 1 >= _text.Length)
                {
                    _pos++;
                    continue;
                }

                var e = _text[_pos + 1];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 6 <= _text.Length
                            && int.TryParse(_text.Substring(_pos + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        {
                            sb.Append((char)code);
                            _pos += 6;
                            continue;
                        }

                        _errors.Add(new JsonError("invalid \\u escape: four hex digits expected", new TextSpan(_pos, 2)));
                        break;
                    default:
                        _errors.Add(new JsonError($"invalid escape sequence '\\{Printable(e)}'", new TextSpan(_pos, 2)));
                        break;
                }

                _pos += 2;
                continue;
            }

            if (c < ' ' && c != '\t')
            {
                _errors.Add(new JsonError("control character in a string", new TextSpan(_pos, 1)));
            }

            sb.Append(c);
            _pos++;
        }
    }

    private JsonValue ParseNumber()
    {
        var start = _pos;
        if (_text[_pos] == '-')
        {
            _pos++;
        }

        while (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] is '.' or 'e' or 'E' or '+' or '-'))
        {
            _pos++;
        }

        var literal = _text.Substring(start, _pos - start);
        var span = new TextSpan(start, _pos - start);
        if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return ErrorAt($"invalid number '{Truncate(literal)}'", span);
        }

        return new JsonValue(JsonKind.Number, span, literal);
    }

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\uFEFF')
            {
                _pos++;
            }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '*')
            {
                var end = _text.IndexOf("*/", _pos + 2, System.StringComparison.Ordinal);
                if (end < 0)
                {
                    _errors.Add(new JsonError("unterminated /* comment", new TextSpan(_pos, 2)));
                    _pos = _text.Length;
                }
                else
                {
                    _pos = end + 2;
                }
            }
            else
            {
                break;
            }
        }
    }

    /// <summary>Skips to the next ',' (consumed) or <paramref name="close"/> (not consumed). False at end of file.</summary>
    private bool SkipToRecoveryPoint(char close)
    {
        var nesting = 0;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '"')
            {
                ParseStringSilently();
                continue;
            }

            if (c == '{' || c == '[')
            {
                nesting++;
            }
            else if (c == '}' || c == ']')
            {
                if (nesting == 0)
                {
                    return c == close;
                }

                nesting--;
            }
            else if (c == ',' && nesting == 0)
            {
                _pos++;
                return true;
            }

            _pos++;
        }

        return false;
    }

    private void ParseStringSilently()
    {
        var errorCount = _errors.Count;
        ParseString();
        if (_errors.Count > errorCount)
        {
            _errors.RemoveRange(errorCount, _errors.Count - errorCount);
        }
    }

    private JsonValue Error(string message, int start, int length, bool skipToken = false)
    {
        var span = new TextSpan(start, length);
        if (skipToken)
        {
            _pos = Math.Min(_text.Length, _pos + Math.Max(1, length));
        }

        return ErrorAt(message, span);
    }

    private JsonValue ErrorAt(string message, TextSpan span)
    {
        _errors.Add(new JsonError(message, span));
        return new JsonValue(JsonKind.Invalid, span);
    }

    private static string Printable(char c) => c < ' ' || c > '~' ? "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString();

    private static string Truncate(string s) => s.Length <= 40 ? s : s.Substring(0, 40) + "…";
}
