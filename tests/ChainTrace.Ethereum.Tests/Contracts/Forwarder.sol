// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IToken {
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

/// Moves ETH and tokens on behalf of callers so the tests see internal transfers, reverted frames and creations.
contract Forwarder {
    /// Sends all of msg.value on to `to` (one internal CALL with value).
    function forward(address payable to) external payable {
        (bool ok, ) = to.call{value: msg.value}("");
        require(ok, "forward failed");
    }

    /// Splits msg.value between two recipients (internal frames 0 and 1).
    function split(address payable a, address payable b) external payable {
        uint256 half = msg.value / 2;
        (bool ok1, ) = a.call{value: half}("");
        (bool ok2, ) = b.call{value: msg.value - half}("");
        require(ok1 && ok2, "split failed");
    }

    /// Moves tokens the caller approved to `to` (the token's Transfer event comes from an internal call).
    function forwardToken(address token, address to, uint256 value) external {
        require(IToken(token).transferFrom(msg.sender, to, value), "token failed");
    }

    /// Tries to forward msg.value through a frame that reverts after paying: the payment is undone and the
    /// Forwarder keeps the ETH, while the transaction itself succeeds.
    function tryForward(address payable to) external payable {
        try this.payThenRevert{value: msg.value}(to) {
        } catch {
        }
    }

    function payThenRevert(address payable to) external payable {
        (bool ok, ) = to.call{value: msg.value}("");
        require(ok, "pay failed");
        revert("undo");
    }

    /// Always fails: the transaction's value never moves.
    function fail() external payable {
        revert("always");
    }

    /// Creates a child with msg.value (an internal CREATE with value) and has it self-destruct to `heir`.
    function spawnAndKill(address payable heir) external payable returns (address) {
        Child child = new Child{value: msg.value}();
        child.kill(heir);
        return address(child);
    }
}

contract Child {
    constructor() payable {}

    function kill(address payable heir) external {
        selfdestruct(heir);
    }
}
