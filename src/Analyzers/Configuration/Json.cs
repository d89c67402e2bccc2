using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
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
    public JsonError(string message, TextSpan span, string path)
    {
        Message = message;
        Span = span;
        Path = path;
    }

    /// <summary>What is wrong and what to do, without a trailing period.</summary>
    public string Message { get; }

    public TextSpan Span { get; }

    /// <summary>The JSON path of the value being read when the error was found (<c>layers.Api.namespaces[0]</c>), empty at the top.</summary>
    public string Path { get; }
}

/// <summary>
/// A small JSON reader compiled into the analyzer (no runtime dependency): accepts <c>//</c> and
/// <c>/* */</c> comments and trailing commas, records the span of every value, and recovers from
/// errors so that every problem in the file is reported, not just the first. Errors that are only
/// consequences of the previous one (a cascade) are not reported: after an error, the next error is
/// reported only once a token has been read correctly again.
/// Never throws and never recurses deeper than <see cref="MaxDepth"/>.
/// </summary>
internal sealed class JsonParser
{
    /// <summary>Nesting deeper than this is reported instead of recursing (no stack overflow on hostile input).</summary>
    public const int MaxDepth = 64;

    private readonly string _text;
    private readonly List<JsonError> _errors = new();
    private readonly List<string> _path = new();
    private int _pos;

    // True after an error until a token is read correctly: errors in between are cascades, not reported.
    private bool _recovering;

    private JsonParser(string text) => _text = text;

    public static JsonValue? Parse(string text, out ImmutableArray<JsonError> errors)
    {
        var parser = new JsonParser(text);
        JsonValue? root = null;
        parser.SkipTrivia();
        if (parser._pos >= text.Length)
        {
            parser.AddError("the file is empty (it holds no JSON value); it must contain one JSON object. Write at least {}", new TextSpan(0, 0));
        }
        else
        {
            root = parser.ParseValue(0);
            parser.SkipTrivia();
            if (parser._pos < text.Length)
            {
                parser.AddError(
                    $"unexpected '{Printable(text[parser._pos])}' after the end of the top-level object; the file must hold exactly one JSON object. Remove it or move it inside the object",
                    new TextSpan(parser._pos, 1));
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
            return ErrorValue("the file ends where a value was expected. Complete the value and close the open objects and arrays", new TextSpan(_pos, 0));
        }

        var c = _text[_pos];
        switch (c)
        {
            case '{':
                return depth >= MaxDepth ? SkipTooDeep() : ParseObject(depth);
            case '[':
                return depth >= MaxDepth ? SkipTooDeep() : ParseArray(depth);
            case '"':
                return ParseString(out _);
            case '\'':
                {
                    var span = SkipSingleQuoted(out var content);
                    return ErrorValue($"strings must be in double quotes, not single quotes. Write \"{Truncate(content)}\"", span);
                }

            case '}':
            case ']':
            case ',':
                // Not consumed: the enclosing object or array deals with it.
                return ErrorValue($"'{c}' found where a value was expected. Write the value (a string in double quotes, a number, true, false, null, an object or an array)", new TextSpan(_pos, 1));
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ParseNumber();
                }

                if (IsWordStart(c))
                {
                    return ParseWord();
                }

                _pos++;
                return ErrorValue($"unexpected character '{Printable(c)}' where a value was expected", new TextSpan(_pos - 1, 1));
        }
    }

    private JsonValue ParseObject(int depth)
    {
        var start = _pos;
        _pos++; // {
        Accept();
        var properties = ImmutableArray.CreateBuilder<JsonProperty>();
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                AddError(Unclosed("object", '}'), new TextSpan(start, 1));
                break;
            }

            var c = _text[_pos];
            if (c == '}')
            {
                _pos++;
                Accept();
                break;
            }

            if (c == ',')
            {
                AddError("',' found where a property name was expected (two commas in a row, or a comma right after '{'). Remove it", new TextSpan(_pos, 1));
                _pos++;
                continue;
            }

            if (c == ']')
            {
                AddError("']' found where a property name or '}' was expected: the object opened before it is not closed. Add '}' or remove the ']'", new TextSpan(_pos, 1));
                break; // not consumed: an enclosing array may close with it
            }

            string name;
            TextSpan nameSpan;
            if (c == '"')
            {
                var key = ParseString(out var terminated);
                if (!terminated)
                {
                    // A name without its closing quote: give up on this line and resume on the next.
                    while (_pos < _text.Length && _text[_pos] != '\n' && _text[_pos] != '\r')
                    {
                        _pos++;
                    }

                    continue;
                }

                name = key.Text ?? string.Empty;
                nameSpan = key.Span;
            }
            else if (c == '\'')
            {
                nameSpan = SkipSingleQuoted(out name);
                AddError($"property names must be in double quotes, not single quotes. Write \"{Truncate(name)}\"", nameSpan);
            }
            else if (IsWordStart(c))
            {
                nameSpan = ReadToken();
                name = _text.Substring(nameSpan.Start, nameSpan.Length);
                AddError($"property name '{Truncate(name)}' is not in double quotes. Write \"{Truncate(name)}\"", nameSpan);
            }
            else
            {
                AddError($"unexpected character '{Printable(c)}' where a property name in double quotes was expected", new TextSpan(_pos, 1));
                if (!SkipToRecoveryPoint('}'))
                {
                    break;
                }

                continue;
            }

            SkipTrivia();
            if (_pos < _text.Length && _text[_pos] == ':')
            {
                _pos++;
                Accept();
            }
            else
            {
                AddError($"':' expected after the property name \"{Truncate(name)}\". Write \"{Truncate(name)}\": value", nameSpan);
            }

            _path.Add(name);
            var value = ParseValue(depth + 1);
            _path.RemoveAt(_path.Count - 1);
            properties.Add(new JsonProperty(name, nameSpan, value));
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                AddError(Unclosed("object", '}'), new TextSpan(start, 1));
                break;
            }

            c = _text[_pos];
            if (c == ',')
            {
                _pos++;
                Accept();
                continue; // a trailing comma before '}' is accepted
            }

            if (c == '}')
            {
                _pos++;
                Accept();
                break;
            }

            if (c == ']')
            {
                AddError("']' found after a property value: the object opened before it is not closed. Add '}' or remove the ']'", new TextSpan(_pos, 1));
                break;
            }

            AddError($"',' or '}}' expected after the value of \"{Truncate(name)}\", found '{Printable(c)}'. Separate properties with commas", new TextSpan(_pos, 1));
            if (c == '"')
            {
                continue; // a missing comma: read the next property
            }

            if (!SkipToRecoveryPoint('}'))
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
        Accept();
        var items = ImmutableArray.CreateBuilder<JsonValue>();
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                AddError(Unclosed("array", ']'), new TextSpan(start, 1));
                break;
            }

            var c = _text[_pos];
            if (c == ']')
            {
                _pos++;
                Accept();
                break;
            }

            if (c == '}')
            {
                AddError("'}' found where a value or ']' was expected: the array opened before it is not closed. Add ']'", new TextSpan(_pos, 1));
                break; // not consumed: the enclosing object closes with it
            }

            if (c == ',')
            {
                AddError("',' found where a value was expected (two commas in a row, or a comma right after '['). Remove it", new TextSpan(_pos, 1));
                _pos++;
                continue;
            }

            _path.Add("[" + items.Count.ToString(CultureInfo.InvariantCulture) + "]");
            items.Add(ParseValue(depth + 1));
            _path.RemoveAt(_path.Count - 1);
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                AddError(Unclosed("array", ']'), new TextSpan(start, 1));
                break;
            }

            c = _text[_pos];
            if (c == ',')
            {
                _pos++;
                Accept();
                continue;
            }

            if (c == ']')
            {
                _pos++;
                Accept();
                break;
            }

            if (c == '}')
            {
                AddError("'}' found after an array item: the array opened before it is not closed. Add ']'", new TextSpan(_pos, 1));
                break;
            }

            // A missing comma: report it and read the next item (ParseValue always consumes a character here).
            AddError($"',' or ']' expected after an array item, found '{Printable(c)}'. Separate items with commas", new TextSpan(_pos, 1));
        }

        return new JsonValue(JsonKind.Array, TextSpan.FromBounds(start, _pos), items: items.ToImmutable());
    }

    private JsonValue ParseString(out bool terminated)
    {
        var start = _pos;
        _pos++; // "
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n' || _text[_pos] == '\r')
            {
                AddError("unterminated string: the closing '\"' is missing (a string cannot span lines). Add the closing quote", new TextSpan(start, 1));
                terminated = false;

                // Recovery for a forgotten closing quote: end the string before the first ',', ']' or '}'
                // on its line, so that the brackets after it still close what they were meant to close.
                for (var i = start + 1; i < _pos; i++)
                {
                    if (_text[i] is ',' or ']' or '}')
                    {
                        _pos = i;
                        return new JsonValue(JsonKind.String, TextSpan.FromBounds(start, _pos), _text.Substring(start + 1, i - start - 1));
                    }
                }

                return new JsonValue(JsonKind.String, TextSpan.FromBounds(start, _pos), sb.ToString());
            }

            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                Accept();
                terminated = true;
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
                        if (TryReadHex4(_pos + 2, out var code))
                        {
                            sb.Append((char)code);
                            _pos += 6;
                            continue;
                        }

                        AddError("invalid \\u escape: four hexadecimal digits must follow \\u (e.g. \\u00e9)", new TextSpan(_pos, 2));
                        break;
                    case '\n':
                    case '\r':
                        _pos++;
                        continue; // reported as unterminated on the next iteration
                    default:
                        AddError($"invalid escape sequence '\\{Printable(e)}' in a string. Write \\\\ for a backslash (JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", new TextSpan(_pos, 2));
                        break;
                }

                _pos += 2;
                continue;
            }

            if (c < ' ' && c != '\t')
            {
                AddError($"control character '{Printable(c)}' in a string. Remove it or write it as an escape (\\uXXXX)", new TextSpan(_pos, 1));
            }

            sb.Append(c);
            _pos++;
        }
    }

    private bool TryReadHex4(int at, out int code)
    {
        code = 0;
        if (at + 4 > _text.Length)
        {
            return false;
        }

        for (var i = at; i < at + 4; i++)
        {
            var c = _text[i];
            int digit;
            if (c >= '0' && c <= '9')
            {
                digit = c - '0';
            }
            else if (c >= 'a' && c <= 'f')
            {
                digit = c - 'a' + 10;
            }
            else if (c >= 'A' && c <= 'F')
            {
                digit = c - 'A' + 10;
            }
            else
            {
                return false;
            }

            code = (code * 16) + digit;
        }

        return true;
    }

    private JsonValue ParseNumber()
    {
        var span = ReadToken();
        var literal = _text.Substring(span.Start, span.Length);
        if (!IsJsonNumber(literal))
        {
            var hint = literal.Any(char.IsLetter) || literal.IndexOf('_') >= 0
                ? "; if it is text, put it in double quotes"
                : "; JSON numbers have no leading zeros or '+', and digits on both sides of '.'";
            return ErrorValue($"'{Truncate(literal)}' is not a valid JSON number{hint}", span);
        }

        Accept();
        return new JsonValue(JsonKind.Number, span, literal);
    }

    /// <summary>RFC 8259: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    internal static bool IsJsonNumber(string s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-')
        {
            i++;
        }

        if (i >= s.Length || !IsDigit(s[i]))
        {
            return false;
        }

        if (s[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (i >= s.Length || !IsDigit(s[i]))
            {
                return false;
            }

            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            if (i >= s.Length || !IsDigit(s[i]))
            {
                return false;
            }

            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }
        }

        return i == s.Length;

        static bool IsDigit(char c) => c >= '0' && c <= '9';
    }

    private JsonValue ParseWord()
    {
        var span = ReadToken();
        var word = _text.Substring(span.Start, span.Length);
        switch (word)
        {
            case "true":
                Accept();
                return new JsonValue(JsonKind.True, span);
            case "false":
                Accept();
                return new JsonValue(JsonKind.False, span);
            case "null":
                Accept();
                return new JsonValue(JsonKind.Null, span);
        }

        var lower = word.ToLowerInvariant();
        if (lower is "true" or "false" or "null")
        {
            return ErrorValue($"'{word}' is not a JSON value: true, false and null are written in lower case. Write {lower}", span);
        }

        return ErrorValue($"unquoted text '{Truncate(word)}': strings must be in double quotes. Write \"{Truncate(word)}\"", span);
    }

    /// <summary>Reads a run of characters up to white space or a JSON delimiter (at least one character).</summary>
    private TextSpan ReadToken()
    {
        var start = _pos;
        do
        {
            _pos++;
        }
        while (_pos < _text.Length && !IsDelimiter(_text[_pos]));

        return TextSpan.FromBounds(start, _pos);
    }

    private static bool IsDelimiter(char c)
        => char.IsWhiteSpace(c) || c is ',' or ':' or '[' or ']' or '{' or '}' or '"' or '\'' or '/' or '\uFEFF';

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_' || c == '$';

    /// <summary>Skips a single-quoted string on one line; returns its span and its content.</summary>
    private TextSpan SkipSingleQuoted(out string content)
    {
        var start = _pos;
        _pos++;
        while (_pos < _text.Length && _text[_pos] != '\'' && _text[_pos] != '\n' && _text[_pos] != '\r')
        {
            _pos += _text[_pos] == '\\' && _pos + 1 < _text.Length && _text[_pos + 1] != '\n' ? 2 : 1;
        }

        var contentEnd = Math.Min(_pos, _text.Length);
        if (_pos < _text.Length && _text[_pos] == '\'')
        {
            _pos++;
        }

        content = _text.Substring(start + 1, contentEnd - start - 1);
        return TextSpan.FromBounds(start, _pos);
    }

    private JsonValue SkipTooDeep()
    {
        var start = _pos;
        var depth = 0;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '"')
            {
                SkipString();
                continue;
            }

            _pos++;
            if (c == '{' || c == '[')
            {
                depth++;
            }
            else if ((c == '}' || c == ']') && --depth == 0)
            {
                break;
            }
        }

        return ErrorValue($"values are nested more than {MaxDepth} levels deep; archgate.json needs only a few levels. Flatten the structure", new TextSpan(start, 1));
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
                var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    AddError("unterminated /* comment: the file ends before '*/'. Close the comment", new TextSpan(_pos, 2));
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

    /// <summary>Skips to the next ',' (consumed) or <paramref name="close"/> (not consumed). False at end of file or at another closing bracket.</summary>
    private bool SkipToRecoveryPoint(char close)
    {
        var nesting = 0;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '"')
            {
                SkipString();
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
                Accept();
                return true;
            }

            _pos++;
        }

        return false;
    }

    /// <summary>Skips a double-quoted string without reporting anything (used while recovering).</summary>
    private void SkipString()
    {
        _pos++;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n' || c == '\r')
            {
                return;
            }

            _pos += c == '\\' ? 2 : 1;
            if (c == '"')
            {
                return;
            }
        }

        _pos = Math.Min(_pos, _text.Length);
    }

    private static string Unclosed(string kind, char close)
        => $"the {kind} opened here is never closed: the file ends before its '{close}'. Add the missing '{close}'";

    private void Accept() => _recovering = false;

    private void AddError(string message, TextSpan span)
    {
        if (_recovering)
        {
            return;
        }

        _errors.Add(new JsonError(message, span, CurrentPath()));
        _recovering = true;
    }

    private JsonValue ErrorValue(string message, TextSpan span)
    {
        AddError(message, span);
        return new JsonValue(JsonKind.Invalid, span);
    }

    private string CurrentPath()
    {
        var sb = new StringBuilder();
        foreach (var segment in _path)
        {
            if (sb.Length > 0 && !segment.StartsWith("[", StringComparison.Ordinal))
            {
                sb.Append('.');
            }

            sb.Append(segment);
        }

        return sb.ToString();
    }

    private static string Printable(char c) => c < ' ' || c > '~' ? "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString();

    internal static string Truncate(string s) => s.Length <= 40 ? s : s.Substring(0, 40) + "…";
}
