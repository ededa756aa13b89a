namespace Playstream.Settings.Tests;

public sealed class PlaystreamHomeTests
{
    [Fact]
    public void The_home_is_the_variable_when_set_and_dot_playstream_here_otherwise()
    {
        using (new ScopedEnvironment(("PLAYSTREAM_HOME", "/srv/ps")))
        {
            Assert.Equal("/srv/ps", PlaystreamHome.Directory);
            Assert.Equal("/srv/ps/store.db", PlaystreamHome.DefaultStore);
            Assert.Equal("/srv/ps/demo-data", PlaystreamHome.DemoData);
        }
        using (new ScopedEnvironment(("PLAYSTREAM_HOME", "")))
            Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), ".playstream"), PlaystreamHome.Directory);
    }
}
