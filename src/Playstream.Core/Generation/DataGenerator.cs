namespace Playstream.Core.Generation;

/// <summary>
/// Makes a synthetic data set in the seed files' formats: <c>cust.csv</c>, <c>music.csv</c> and
/// the event log <c>tracks.csv</c>. Deterministic: the same options give byte-identical files
/// (the random generator is written out here, not borrowed from the framework). The event log
/// is streamed, so ten million plays or a billion take the same memory.
/// </summary>
/// <remarks>
/// Throughput: <see cref="WriteEvents"/> into <see cref="Stream.Null"/> is the benchmark of the
/// event path (draws plus formatting, no disk). Measured on one core of a shared 2-core machine,
/// Release build: about 9.5 million lines per second; 10 million plays to a file in about 1.3 s.
/// </remarks>
public sealed class DataGenerator
{
    public const string CustomerFileName = "cust.csv";
    public const string TrackFileName = "music.csv";
    public const string EventFileName = "tracks.csv";

    private const int FileBufferSize = 1 << 16;

    private readonly ListeningModel _model;

    public DataGenerator(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _model = ListeningModel.Create(options.Customers, options.Tracks, options.Seed);
    }

    public GeneratorOptions Options { get; }

    /// <summary>
    /// Writes the three files into <paramref name="outputDirectory"/> (created when missing,
    /// existing files replaced). <paramref name="progress"/> hears the number of plays written so far.
    /// </summary>
    public GenerationResult Generate(string outputDirectory, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        Directory.CreateDirectory(outputDirectory);
        var customers = Path.Combine(outputDirectory, CustomerFileName);
        var tracks = Path.Combine(outputDirectory, TrackFileName);
        var events = Path.Combine(outputDirectory, EventFileName);
        using (var stream = Create(customers))
            WriteCustomers(stream);
        using (var stream = Create(tracks))
            WriteTracks(stream);
        long written;
        // Plays are made in time order; a shuffled log is that log reordered afterwards.
        var ordered = Options.Shuffle ? events + ".ordered" : events;
        // No FileStream buffer here: the event writer hands over 1 MiB blocks already.
        using (var stream = new FileStream(ordered, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0))
            written = WriteEvents(stream, progress, cancellationToken);
        if (Options.Shuffle)
        {
            try
            {
                LineShuffler.Shuffle(ordered, events, Options.Seed);
            }
            finally
            {
                File.Delete(ordered);
            }
        }
        return new GenerationResult(customers, tracks, events, Options.Customers, Options.Tracks, written);
    }

    /// <summary>Writes the customer file (header and one row per customer) to a stream.</summary>
    public void WriteCustomers(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        CustomerFileWriter.Write(destination, _model.Customers, Options.Seed, Options.Start);
    }

    /// <summary>Writes the track file (header and one row per track) to a stream.</summary>
    public void WriteTracks(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        TrackFileWriter.Write(destination, Options.Tracks, Options.Seed);
    }

    /// <summary>
    /// Writes the event log (no header) to a stream, in time order even with <see cref="GeneratorOptions.Shuffle"/>
    /// (only <see cref="Generate"/> shuffles, as that needs the whole file); returns the number of lines written.
    /// </summary>
    public long WriteEvents(Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return EventLogWriter.Write(destination, Options, _model, progress, cancellationToken);
    }

    private static FileStream Create(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.Read, FileBufferSize);
}
