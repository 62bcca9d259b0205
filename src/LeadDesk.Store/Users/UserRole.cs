namespace LeadDesk.Store.Users;

/// <summary>What a web admin user may do.</summary>
public enum UserRole
{
    /// <summary>Routes, numbers, agents, queues and campaigns.</summary>
    Admin,

    /// <summary>Everything an admin may, and custom destinations too (LeadDesk support).</summary>
    Support,

    /// <summary>Their own Settings tab only; tied to one agent.</summary>
    Agent,
}
